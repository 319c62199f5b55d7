/** A position in a text: 1-based line and 1-based column in UTF-16 code units. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Turns offsets into lines and columns. Built only for files that have findings: most files
 * have none, and indexing every line of 100 MB would cost more than the scan itself.
 */
export class LineIndex {
  readonly #starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
      starts.push(index + 1);
    }
    this.#starts = starts;
  }

  positionOf(offset: number): TextPosition {
    const starts = this.#starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }
}

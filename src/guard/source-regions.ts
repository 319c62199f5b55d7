/** Where a character sits in tokenised source. */
export type SourceContext = 'code' | 'string' | 'comment';

/**
 * The string and comment spans of a tokenised file, in order, and optionally its identifiers.
 * Everything outside a span is code.
 */
export class SourceRegions {
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #kinds: ('string' | 'comment')[] = [];
  /** Each distinct identifier and the offset where it first appears. */
  readonly identifiers = new Map<string, number>();

  add(start: number, end: number, kind: 'string' | 'comment'): void {
    if (end <= start) return;
    this.#starts.push(start);
    this.#ends.push(end);
    this.#kinds.push(kind);
  }

  /** The context of the character at `offset`. */
  contextAt(offset: number): SourceContext {
    const index = this.#spanBefore(offset);
    return index >= 0 && offset < this.#ends[index]! ? this.#kinds[index]! : 'code';
  }

  /** The span containing `offset`, as `[start, end)`, or undefined in code. */
  spanAt(offset: number): { start: number; end: number; kind: 'string' | 'comment' } | undefined {
    const index = this.#spanBefore(offset);
    if (index < 0 || offset >= this.#ends[index]!) return undefined;
    return { start: this.#starts[index]!, end: this.#ends[index]!, kind: this.#kinds[index]! };
  }

  /** The index of the last span starting at or before `offset`, or -1. */
  #spanBefore(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.#starts[middle]! <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  }
}

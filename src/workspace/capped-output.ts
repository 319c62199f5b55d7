/** A UTF-8 continuation byte (10xxxxxx): never the first byte of a character. */
function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/** How many bytes of `bytes` end on a whole character (an incomplete last one is left out). */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (isContinuationByte(byte)) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * Collects a command's output within a byte cap, keeping its head and its tail. It holds at most
 * the cap (plus the chunk being added) whatever the command prints: what falls between head and
 * tail is counted, then let go.
 */
export class CappedOutput {
  readonly #headLimit: number;
  readonly #tailLimit: number;
  readonly #head: Buffer[] = [];
  #headBytes = 0;
  #tail: Buffer[] = [];
  #tailBytes = 0;
  #omittedBytes = 0;
  #peakHeldBytes = 0;

  constructor(maxBytes: number) {
    const cap = Math.max(0, Math.floor(maxBytes));
    this.#headLimit = Math.floor(cap / 2);
    this.#tailLimit = cap - this.#headLimit;
  }

  /** The most bytes held at once so far: proof that a flood of output was not buffered. */
  get peakHeldBytes(): number {
    return this.#peakHeldBytes;
  }

  /** Adds the next piece of output, in arrival order. */
  push(chunk: Uint8Array): void {
    let rest = chunk;
    if (this.#headBytes < this.#headLimit) {
      const taken = rest.subarray(0, this.#headLimit - this.#headBytes);
      // Copies: a slice would keep the whole (often 64 KiB) chunk it came from alive.
      this.#head.push(Buffer.from(taken));
      this.#headBytes += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length > this.#tailLimit) {
      this.#omittedBytes += rest.length - this.#tailLimit;
      rest = rest.subarray(rest.length - this.#tailLimit);
    }
    if (rest.length > 0) {
      this.#tail.push(Buffer.from(rest));
      this.#tailBytes += rest.length;
      this.#trimTail();
    }
    this.#peakHeldBytes = Math.max(this.#peakHeldBytes, this.#headBytes + this.#tailBytes);
  }

  #trimTail(): void {
    let excess = this.#tailBytes - this.#tailLimit;
    while (excess > 0) {
      const first = this.#tail[0]!;
      if (first.length <= excess) {
        this.#tail.shift();
      } else {
        this.#tail[0] = Buffer.from(first.subarray(excess));
      }
      const dropped = Math.min(first.length, excess);
      this.#tailBytes -= dropped;
      this.#omittedBytes += dropped;
      excess -= dropped;
    }
  }

  /**
   * The output as text. When the middle was cut, a marker line `… [N bytes omitted] …` stands
   * between head and tail, and neither is cut inside a multi-byte character.
   */
  result(): { output: string; truncated: boolean } {
    const head = Buffer.concat(this.#head);
    const tail = Buffer.concat(this.#tail);
    if (this.#omittedBytes === 0) {
      return { output: Buffer.concat([head, tail]).toString('utf8'), truncated: false };
    }
    const headKept = completeLength(head);
    const headText = head.subarray(0, headKept).toString('utf8');
    let tailStart = 0;
    while (tailStart < Math.min(3, tail.length) && isContinuationByte(tail[tailStart]!)) {
      tailStart++;
    }
    const omitted = this.#omittedBytes + (head.length - headKept) + tailStart;
    const before = headText === '' || headText.endsWith('\n') ? '' : '\n';
    const tailText = tail.subarray(tailStart).toString('utf8');
    return {
      output: `${headText}${before}… [${omitted} bytes omitted] …\n${tailText}`,
      truncated: true,
    };
  }
}

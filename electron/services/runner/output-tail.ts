// The end of a step's output, kept by every runner so that a failed step can be explained
// (a command not found, a read-only write) without keeping or re-reading its whole log.
const OUTPUT_TAIL_BYTES = 16 * 1024;

export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    // Drop whole chunks from the front while what stays still holds the limit.
    while (this.chunks.length > 1) {
      const first = this.chunks[0];
      if (first === undefined || this.size - first.length < OUTPUT_TAIL_BYTES) break;
      this.chunks.shift();
      this.size -= first.length;
    }
  }

  text(): string {
    return Buffer.concat(this.chunks).subarray(-OUTPUT_TAIL_BYTES).toString('utf8');
  }
}

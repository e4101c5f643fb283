// One queue per repository in this process: git operations run one at a time, so a status
// never reads a half-written index and two writes never interleave.
export class GitQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

// Containers created for a step's attempt before it starts (look-ahead.ts says when). The
// attempt takes its container only if it asks for exactly what was created: anything that
// changed in between (an output folder became a file, a mount moved) gets a fresh one, and the
// one made ahead goes. What no attempt takes is removed when its step ends or the run settles.
import type Docker from 'dockerode';

interface MadeAhead {
  /** The create options, as JSON: what the attempt must ask for to take the container. */
  options: string;
  creating: Promise<Docker.Container>;
}

export class MadeAheadContainers {
  private readonly made = new Map<string, MadeAhead>();

  constructor(
    private readonly docker: Docker,
    /** Removes a container made ahead that no attempt took, and tracks the removal. */
    private readonly discard: (container: Promise<Docker.Container>) => void,
  ) {}

  make(marker: string, options: Docker.ContainerCreateOptions): void {
    if (this.made.has(marker)) return;
    const creating = this.docker.createContainer(options);
    // A failed creation is not the step's failure: its attempt creates its own and says why.
    creating.catch(() => undefined);
    this.made.set(marker, { options: JSON.stringify(options), creating });
  }

  /** The container made for this attempt, if it was made with these very options; otherwise null. */
  take(marker: string, options: Docker.ContainerCreateOptions): Promise<Docker.Container> | null {
    const made = this.made.get(marker);
    if (made === undefined) return null;
    this.made.delete(marker);
    if (made.options !== JSON.stringify(options)) {
      this.discard(made.creating);
      return null;
    }
    return made.creating.catch(() => this.docker.createContainer(options));
  }

  forget(marker: string): void {
    const made = this.made.get(marker);
    if (made === undefined) return;
    this.made.delete(marker);
    this.discard(made.creating);
  }

  forgetAll(): void {
    for (const marker of [...this.made.keys()]) this.forget(marker);
  }
}

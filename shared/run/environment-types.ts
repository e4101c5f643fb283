// Docker environments as every layer sees them: what exists of one, and the progress of
// bringing it up or down.

export type ProvisionPhase = 'image' | 'network' | 'data' | 'services';

export type ProvisionEvent =
  | { type: 'phase'; environment: string; phase: ProvisionPhase; message: string }
  /** One image layer being pulled: bytes done of total when Docker says. */
  | {
      type: 'layer';
      environment: string;
      image: string;
      layer: string;
      status: string;
      current: number | null;
      total: number | null;
    }
  /** A line of `docker build` output; `step` is the instruction being run ("Step 2/5 : RUN ..."). */
  | { type: 'build'; environment: string; line: string; step: string | null }
  /** Data copied or sampled into a volume so far: `files` of `totalFiles`. */
  | {
      type: 'data';
      environment: string;
      source: string;
      files: number;
      totalFiles: number;
      bytes: number;
      done: boolean;
    }
  | { type: 'service'; environment: string; service: string; state: string; health: string | null }
  | { type: 'finished'; environment: string; action: 'up' | 'down'; ok: boolean; message: string | null };

export interface ServiceStatus {
  name: string;
  image: string;
  /** created, running, exited... or missing. */
  state: string;
  /** healthy, unhealthy, starting, or null without a healthcheck. */
  health: string | null;
}

export interface EnvironmentStatus {
  name: string;
  runner: 'local' | 'docker';
  description: string | null;
  /** The remote engine its containers run on (docker_host), or null for this machine's. */
  dockerHost: string | null;
  image: { ref: string; present: boolean; id: string | null } | null;
  network: { name: string; present: boolean } | null;
  volumes: Array<{ source: string; mode: string; name: string; present: boolean }>;
  services: ServiceStatus[];
  /** Everything the environment needs exists and its services are healthy. */
  ready: boolean;
}

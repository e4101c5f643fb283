// Whether the Docker tests can run here: a reachable engine and the locally built test images
// (scripts/test-images.mjs). Without them the tests are skipped with a message, except in CI,
// where that is a failure.
import { checkDocker, connectDocker } from '../services/docker/docker-connection.js';

export const BUSYBOX_IMAGE = 'pipewright-test/busybox:latest';
export const PYTHON_IMAGE = 'pipewright-test/python:latest';
/** Debian's python3 with scikit-learn, pandas, matplotlib, nbclient and ipykernel. */
export const PYTHON_ML_IMAGE = 'pipewright-test/python-ml:latest';

const docker = connectDocker();
const engine = await checkDocker(docker, 3000);
const present = async (name: string) =>
  engine.available &&
  (await docker
    .getImage(name)
    .inspect()
    .then(
      () => true,
      () => false,
    ));
const images = { busybox: await present(BUSYBOX_IMAGE), python: await present(PYTHON_IMAGE) };

/** Why Docker tests cannot run here, or null when they can. */
export const dockerMissing: string | null = !engine.available
  ? engine.message
  : !images.busybox || !images.python
    ? `the test images are missing: run node scripts/test-images.mjs (needs busybox-static and debootstrap)`
    : null;

if (dockerMissing && process.env.CI !== 'true') console.log(`Docker tests skipped: ${dockerMissing}`);

/** Why the tests that need the scientific Python image cannot run here, or null when they can. */
export const pythonMlMissing: string | null =
  dockerMissing ??
  ((await present(PYTHON_ML_IMAGE))
    ? null
    : `the test image ${PYTHON_ML_IMAGE} is missing: run node scripts/test-images.mjs`);

export { docker };

// Bundles for the node layer. The `pipewright` binary is one file (plus on-demand chunks):
// loading a single module instead of hundreds halves the CLI's start-up, which every CI step
// and cached run pays. The preload must be one CommonJS file: sandboxed preloads cannot load
// modules.
import { defineConfig } from 'rolldown';

export default defineConfig([
  {
    input: { main: 'out/electron/cli/main.js' },
    platform: 'node',
    // Native modules cannot be bundled; they load from node_modules (dockerode for its
    // optional ssh transport, which carries native code; DuckDB for its engine). jsonc-parser
    // ships a UMD build whose inner require() calls a bundle cannot follow.
    external: ['better-sqlite3', 'dockerode', '@duckdb/node-api', 'jsonc-parser'],
    output: { dir: 'out/cli', format: 'esm', sourcemap: true },
  },
  {
    input: 'out/electron/preload/preload.js',
    platform: 'node',
    external: ['electron'],
    output: { file: 'out/preload/preload.cjs', format: 'cjs' },
  },
]);

// Bundles for the node layer. The `pipewright` binary is one entry file plus on-demand chunks:
// loading a few bundled files instead of hundreds of modules halves the CLI's start-up, which
// every CI step and cached run pays. It is CommonJS, not ESM, because only CommonJS files can
// compile from a V8 code cache on Node 20 (electron/cli/code-cache.ts); the folder's own
// package.json says so to Node. The preload must be one CommonJS file: sandboxed preloads
// cannot load modules.
import { defineConfig } from 'rolldown';

/** Marks out/cli as CommonJS: the project's package.json says "module". */
const commonJsFolder = {
  name: 'commonjs-folder',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'package.json', source: '{ "type": "commonjs" }\n' });
  },
};

export default defineConfig([
  {
    // record-code-cache runs once, in the build, to make the code cache main then uses.
    input: { main: 'out/electron/cli/main.js', 'record-code-cache': 'out/electron/cli/record-code-cache.js' },
    platform: 'node',
    // Native modules cannot be bundled; they load from node_modules (dockerode for its
    // optional ssh transport, which carries native code; DuckDB for its engine). jsonc-parser
    // ships a UMD build whose inner require() calls a bundle cannot follow.
    external: ['better-sqlite3', 'dockerode', '@duckdb/node-api', 'jsonc-parser'],
    output: { dir: 'out/cli', format: 'cjs', sourcemap: true },
    plugins: [commonJsFolder],
  },
  {
    input: 'out/electron/preload/preload.js',
    platform: 'node',
    external: ['electron'],
    output: { file: 'out/preload/preload.cjs', format: 'cjs' },
  },
]);

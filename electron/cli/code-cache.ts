// Compiles the CLI's own bundle files from a V8 code cache made at build time. Node 20 has no
// compile cache of its own (module.enableCompileCache came in Node 22), so every `pipewright`
// process parsed and compiled about a megabyte of JavaScript before its first step: a quarter of
// a fully cached re-run. V8 checks a cache only against its version, its flags and the
// source's length, so each cache is named by the SHA-1 of the source it was made from: an
// edited or rebuilt file can never run stale code. A cache V8 rejects (another Node, other
// flags) costs nothing but the normal compile.
import { hash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder of caches beside the bundle files, written only by the build. */
export const CODE_CACHE_FOLDER = 'code-cache';

/** Node's CommonJS loader compiles each file through this method; it is not in Node's typings. */
interface CompilingModule {
  exports: unknown;
  _compile(content: string, filename: string): unknown;
}

type ModuleWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: CompilingModule,
  filename: string,
  dirname: string,
) => unknown;

export interface CodeCacheUse {
  /** Files compiled from their cache. */
  used: number;
  /** Files compiled from source: no cache for this content, or V8 refused it. */
  compiled: number;
}

export interface CodeCacheRecorder {
  /** Writes a cache of every bundle file compiled so far, with the functions it has run. */
  write(): number;
}

const cachePath = (bundle: string, source: string) => join(bundle, CODE_CACHE_FOLDER, `${hash('sha1', source)}.v8`);

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * From now on, the CommonJS files directly in `bundle` compile from their cache where there is
 * one. Other modules (node_modules, Node's own) load as before.
 */
export function compileFromCodeCache(bundle: string): CodeCacheUse {
  const use: CodeCacheUse = { used: 0, compiled: 0 };
  hookCompile(bundle, (source, filename) => {
    const cachedData = readCache(cachePath(bundle, source));
    const script = new Script(Module.wrap(source), { filename, cachedData });
    if (cachedData !== undefined && !script.cachedDataRejected) use.used += 1;
    else use.compiled += 1;
    return script;
  });
  return use;
}

/** For the build: compiles the bundle files from source and keeps them, so their caches can be written after a warm-up. */
export function recordCodeCache(bundle: string): CodeCacheRecorder {
  const scripts = new Map<string, Script>();
  hookCompile(bundle, (source, filename) => {
    const script = new Script(Module.wrap(source), { filename });
    scripts.set(cachePath(bundle, source), script);
    return script;
  });
  return {
    write() {
      mkdirSync(join(bundle, CODE_CACHE_FOLDER), { recursive: true });
      for (const [path, script] of scripts) writeFileSync(path, script.createCachedData());
      return scripts.size;
    },
  };
}

function hookCompile(bundle: string, scriptFor: (source: string, filename: string) => Script): void {
  // cast: _compile is Node's own loader method, present on every CommonJS module but untyped.
  const prototype = Module.prototype as unknown as CompilingModule;
  const compile = prototype._compile;
  prototype._compile = function compileBundleFile(this: CompilingModule, content: string, filename: string) {
    // The entry file carries a #! line, which is only valid at the very start of a script.
    if (dirname(filename) !== bundle || content.startsWith('#!')) return compile.call(this, content, filename);
    // cast: a script made of Module.wrap's text evaluates to exactly that wrapper function.
    const wrapper = scriptFor(content, filename).runInThisContext() as ModuleWrapper;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
}

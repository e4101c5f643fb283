// Dependencies point one way (run by `npm run lint` after ESLint, which keeps the layer rules).
// A room is a folder of product code. A cycle between two files, or between two rooms, means
// neither can be read, tested or replaced on its own, and hides which must be initialised
// first. Every import counts: type-only imports tie the designs together just the same, and a
// lazy `import()` is still a dependency. Module resolution is TypeScript's own, so what this
// sees is what the compiler sees. (dependency-cruiser does this too, but the versions that run
// on Node 20 cannot read TypeScript 6 or, through swc, TSX.)
import { readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { productSourceFiles } from './product-files.mjs';

export const PRODUCT_FOLDERS = ['shared', 'electron', 'renderer/src', 'bench'];
// Tests and their helpers may reach into any room; only product code must point one way.
const OPTIONS = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: false,
};

/** Workspace-relative file → the product files it imports (relative imports only). */
export function importGraph(root, folders = PRODUCT_FOLDERS) {
  const files = folders.flatMap((folder) => productSourceFiles(root, folder));
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const absolute = join(root, file);
    const targets = new Set();
    for (const { fileName } of ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(fileName, absolute, OPTIONS, ts.sys).resolvedModule;
      const target = resolved && relative(root, resolved.resolvedFileName).split(sep).join('/');
      if (target && known.has(target) && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected parts with more than one member (Tarjan), each a set of nodes on a cycle. */
function cyclicParts(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const parts = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
    }
    if (low.get(node) !== index.get(node)) return;
    const part = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      part.push(member);
    } while (member !== node);
    if (part.length > 1) parts.push(new Set(part));
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return parts;
}

/** One shortest cycle through the first member of a cyclic part, for the message. */
function oneCycle(graph, part) {
  const start = [...part].sort()[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const target of [...(graph.get(node) ?? [])].sort()) {
      if (!part.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (previous.get(path[0]) !== null) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}

function roomGraph(files) {
  const rooms = new Map();
  const because = new Map();
  for (const [file, targets] of files) {
    const room = dirname(file);
    if (!rooms.has(room)) rooms.set(room, new Set());
    for (const target of targets) {
      const other = dirname(target);
      if (other === room) continue;
      rooms.get(room).add(other);
      if (!because.has(`${room}>${other}`)) because.set(`${room}>${other}`, `${file} imports ${target}`);
    }
  }
  return { rooms, because };
}

/** Every cycle, as a sentence naming the files or rooms on it. */
export function dependencyCycles(root, folders = PRODUCT_FOLDERS) {
  const files = importGraph(root, folders);
  const { rooms, because } = roomGraph(files);
  const problems = [];
  for (const part of cyclicParts(rooms)) {
    const cycle = oneCycle(rooms, part);
    const steps = cycle.slice(1).map((room, at) => `    ${because.get(`${cycle[at]}>${room}`)}`);
    const others = [...part].filter((room) => !cycle.includes(room)).sort();
    const knot = others.length > 0 ? `\n    (tied into the same knot: ${others.join(', ')})` : '';
    problems.push(`rooms depend on each other: ${cycle.join(' → ')}\n${steps.join('\n')}${knot}`);
  }
  for (const part of cyclicParts(files))
    problems.push(`files depend on each other: ${oneCycle(files, part).join(' → ')}`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const problems = dependencyCycles(root);
  for (const problem of problems) console.error(`error: ${problem}`);
  if (problems.length > 0) {
    console.error(
      `\n${problems.length} dependency cycle(s): move what both sides need down a room, or inject it from the composition root (see ARCHITECTURE.md).`,
    );
    process.exit(1);
  }
}

// The SQLite addon rebuilt for Electron's Node ABI, kept apart from node_modules (which stays
// built for the Node that runs the CLI and the tests). Returns the .node file, or null.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function electronSqliteBinding(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const buildPath = join(root, 'out', 'electron-native', electronVersion);
  const binding = join(buildPath, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  mkdirSync(join(buildPath, 'node_modules'), { recursive: true });
  writeFileSync(
    join(buildPath, 'package.json'),
    JSON.stringify({ name: 'pipewright-electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }),
  );
  cpSync(join(root, 'node_modules', 'better-sqlite3'), join(buildPath, 'node_modules', 'better-sqlite3'), {
    recursive: true,
  });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  return existsSync(binding) ? binding : null;
}

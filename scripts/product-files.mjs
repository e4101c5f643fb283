// The product's TypeScript source files, as the lint checks read them (casts, import cycles):
// everything under a folder but tests, type declarations and the test helpers.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = /\.tsx?$/;
const NOT_PRODUCT = /(\.test\.tsx?$|\.d\.ts$|^electron\/testing\/)/;

/** Workspace-relative paths of the product source files under `folder` (none if it is missing). */
export function productSourceFiles(root, folder) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !NOT_PRODUCT.test(path)) found.push(path);
    }
  };
  if (existsSync(join(root, folder))) walk(folder);
  return found;
}

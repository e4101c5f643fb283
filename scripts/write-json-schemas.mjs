// Regenerates resources/*.schema.json from the zod schemas (through the built CLI).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

for (const kind of ['pipeline', 'workspace']) {
  const schema = execFileSync(process.execPath, ['out/cli/main.js', 'schema', kind], { encoding: 'utf8' });
  writeFileSync(new URL(`../resources/${kind}.schema.json`, import.meta.url), schema);
  console.log(`resources/${kind}.schema.json`);
}

import { lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOBODY } from './container-user.js';
import { handOutputsBack, handOutputsOver } from './output-hand-over.js';

const asRoot = process.getuid?.() === 0;
let base = '';
afterEach(() => rmSync(base, { recursive: true, force: true }));

// Ownership changes only happen when Pipewright runs as root.
describe.skipIf(!asRoot)(
  asRoot ? 'handing outputs to the container user' : 'handing outputs to the container user (skipped: needs root)',
  () => {
    it('changes the links a step left, never what they point to, and does not descend through them', () => {
      base = mkdtempSync(join(tmpdir(), 'pipewright-hand-over-'));
      const out = join(base, 'ws', 'out');
      const outside = join(base, 'outside');
      mkdirSync(join(out, 'sub'), { recursive: true });
      mkdirSync(outside);
      writeFileSync(join(out, 'sub', 'a.csv'), 'a\n');
      writeFileSync(join(outside, 'secret'), 'secret\n');
      symlinkSync(join(outside, 'secret'), join(out, 'to-file'));
      symlinkSync(outside, join(out, 'to-folder'));

      handOutputsOver([out], NOBODY);
      expect(statSync(join(out, 'sub', 'a.csv')).uid).toBe(NOBODY.uid);
      expect(lstatSync(join(out, 'to-file')).uid).toBe(NOBODY.uid);
      expect(statSync(join(outside, 'secret')).uid).toBe(0);
      expect(statSync(outside).uid).toBe(0);

      handOutputsBack([out]);
      expect(statSync(join(out, 'sub', 'a.csv')).uid).toBe(0);
      expect(lstatSync(join(out, 'to-folder')).uid).toBe(0);
      expect(statSync(join(outside, 'secret')).uid).toBe(0);
    });
  },
);

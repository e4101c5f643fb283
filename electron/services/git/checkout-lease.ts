// Runs of one ref at the same time (two schedules on main, a manual --ref main during a scheduled
// run) must not write into one checkout folder, or one run's update and outputs would change the
// files under the other. A run holds a lease on its checkout folder until it ends; a second run
// of the ref takes the next free folder (`<name>`, `<name>-2`, ...). A lease is a file naming its
// process, so the lease of a process that died is taken over instead of blocking for ever.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { currentProcessIdentity, isProcessRunning } from '../process/process-identity.js';
import { errorCode } from '../../../shared/text/error-message.js';
import { mapOf } from '../../../shared/git/plain-data.js';

export interface CheckoutLease {
  /** The checkout folder this lease holds. */
  dir: string;
  release(): void;
}

/** Folders leased by this process: a live process's lease file says nothing about which of its runs holds it. */
const heldHere = new Set<string>();

/** Leases the first free folder of `base`, `base-2`, `base-3`, ... */
export function leaseCheckout(base: string): CheckoutLease {
  for (let index = 1; ; index += 1) {
    const dir = index === 1 ? base : `${base}-${index}`;
    if (tryLease(dir)) return { dir, release: () => release(dir) };
  }
}

function tryLease(dir: string): boolean {
  if (heldHere.has(dir)) return false;
  const file = `${dir}.lease`;
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(currentProcessIdentity()));
      closeSync(fd);
      heldHere.add(dir);
      return true;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      if (holderAlive(file)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

function holderAlive(file: string): boolean {
  try {
    const holder = mapOf(JSON.parse(readFileSync(file, 'utf8')));
    if (typeof holder.pid !== 'number' || typeof holder.started !== 'string') return false;
    return isProcessRunning({ pid: holder.pid, started: holder.started });
  } catch {
    // Being written by its holder this very moment; left empty by a process killed while writing it.
    const age = Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    return age < 10_000;
  }
}

function release(dir: string): void {
  if (!heldHere.delete(dir)) return;
  rmSync(`${dir}.lease`, { force: true });
}

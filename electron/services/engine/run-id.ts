import { randomBytes } from 'node:crypto';

/** Sortable and typeable: 20261126-063012-3fa9 (UTC time of creation, then random). */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

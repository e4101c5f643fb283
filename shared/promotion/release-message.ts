// The message of a release-N tag: a summary a person reads in `git show release-3`, then the
// gate report as JSON, which `releases` reads back. Tags travel with every clone of the
// repository, so the record of what a release passed travels with it.
import type { GateReport } from '../journeys/journey-types.js';
import { shortCommit } from './gate-format.js';

export interface ReleaseRecord {
  branch: string;
  production: string;
  report: GateReport;
}

const MARKER = '--- pipewright gate report ---';

export function releaseTagMessage(tag: string, record: ReleaseRecord): string {
  const { report } = record;
  const passed = report.conditions.filter((condition) => condition.passed).length;
  const lines = [
    `${tag}: ${record.branch} (${shortCommit(report.commit)}) into ${record.production}`,
    '',
    `Gate passed in ${report.environment ?? 'the default environment'}: ${passed} of ${report.conditions.length} conditions.`,
    ...report.conditions.map(
      (condition) =>
        `${condition.passed ? '✓' : '✗'} ${condition.pipeline}: ${condition.label}: ${condition.observed} (required: ${condition.required})`,
    ),
    '',
    MARKER,
    JSON.stringify({ version: 1, branch: record.branch, production: record.production, report }),
  ];
  return `${lines.join('\n')}\n`;
}

/** The record in a release tag's message, or null when the tag was not written by a promotion. */
export function parseReleaseTagMessage(message: string): ReleaseRecord | null {
  const at = message.indexOf(MARKER);
  if (at < 0) return null;
  try {
    // cast: releaseTagMessage wrote this JSON from a ReleaseRecord; the fields read are checked below
    const parsed = JSON.parse(message.slice(at + MARKER.length).trim()) as Partial<ReleaseRecord> & {
      version?: number;
    };
    if (
      typeof parsed.branch !== 'string' ||
      typeof parsed.production !== 'string' ||
      typeof parsed.report !== 'object' ||
      parsed.report === null
    )
      return null;
    if (!Array.isArray(parsed.report.conditions)) return null;
    return { branch: parsed.branch, production: parsed.production, report: parsed.report };
  } catch {
    return null;
  }
}

export const RELEASE_TAG = /^release-([1-9][0-9]*)$/;

/** The number of a release tag (release-12 -> 12), or null for other tags. */
export function releaseNumber(tag: string): number | null {
  const match = RELEASE_TAG.exec(tag);
  return match ? Number(match[1]) : null;
}

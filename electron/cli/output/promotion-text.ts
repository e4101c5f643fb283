// Promotion as the terminal shows it: the gate checklist (each condition passed or failed, what
// the candidate showed and what was required), the outcome, and the list of releases.
import type { GateReport, PromotionOutcome, ReleaseInfo } from '../../../shared/journeys/journey-types.js';
import type { Styler } from './terminal-style.js';

export function gateChecklist(style: Styler, report: GateReport): string {
  const where = report.environment ?? 'the default environment';
  const lines = [style('bold', `Gate of ${report.branch} (${report.commit.slice(0, 7)}) in ${where}`)];
  for (const condition of report.conditions) {
    const mark = condition.passed ? style('green', '✓') : style('red', '✗');
    const who = condition.pipeline ? style('gray', `[${condition.pipeline}] `) : '';
    if (condition.passed) {
      lines.push(
        `  ${mark} ${who}${condition.label}: ${condition.observed}${style('gray', ` (required: ${condition.required})`)}`,
      );
      continue;
    }
    lines.push(
      `  ${mark} ${who}${condition.label}`,
      `      observed: ${condition.observed}`,
      `      required: ${condition.required}`,
    );
  }
  return lines.join('\n');
}

export function promotionText(style: Styler, outcome: PromotionOutcome): string {
  const lines = [gateChecklist(style, outcome.report), ''];
  if (outcome.result === 'promoted' || outcome.result === 'dry-run-passed' || outcome.result === 'up-to-date')
    lines.push(style('green', `✓ ${outcome.message}`));
  else lines.push(style('red', `✗ ${outcome.message}`));
  for (const path of outcome.conflicts) lines.push(`    ${path}`);
  return `${lines.join('\n')}\n`;
}

export function releasesText(style: Styler, releases: readonly ReleaseInfo[]): string {
  if (releases.length === 0) return 'no releases yet: promote an experiment with "pipewright promote BRANCH"\n';
  const lines = releases.map((release) => {
    const when = new Date(release.createdAt).toISOString().replace('T', ' ').slice(0, 16);
    const { report } = release;
    const gate = `gate ${report.passed ? 'passed' : 'failed'} in ${report.environment ?? 'the default environment'}: ${report.conditions.length} conditions`;
    return `${style('bold', release.name.padEnd(11))} ${style('yellow', release.commit.slice(0, 7))}  ${when}  ${release.branch} → ${release.production}  ${style('gray', gate)}`;
  });
  return `${lines.join('\n')}\n`;
}

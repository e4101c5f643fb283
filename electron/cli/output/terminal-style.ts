// Colours and glyphs for terminal output. Colour only on a terminal that wants it (NO_COLOR,
// FORCE_COLOR, TERM=dumb respected); every status also has its own glyph, so nothing depends
// on telling colours apart.
import { styleText } from 'node:util';
import type { RunStatus, StepStatus } from '../../../shared/run/run-types.js';

type Style = Parameters<typeof styleText>[0];

export interface Styler {
  (style: Style, text: string): string;
}

export function stylerFor(stream: NodeJS.WriteStream): Styler {
  const env = process.env;
  const enabled =
    env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'
      ? true
      : Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return (style, text) => (enabled ? styleText(style, text) : text);
}

const LOOK: Record<StepStatus | RunStatus, { glyph: string; style: Style; label?: string }> = {
  pending: { glyph: '·', style: 'gray' },
  running: { glyph: '▶', style: 'cyan' },
  succeeded: { glyph: '✓', style: 'green' },
  failed: { glyph: '✗', style: 'red' },
  cached: { glyph: '↺', style: 'blue' },
  skipped: { glyph: '↷', style: 'gray' },
  cancelled: { glyph: '⊘', style: 'yellow' },
  interrupted: { glyph: '!', style: 'magenta' },
  warned: { glyph: '⚠', style: 'yellow' },
  'skipped-condition': { glyph: '⤼', style: 'gray', label: 'skipped (condition)' },
};

export function statusLabel(style: Styler, status: StepStatus | RunStatus): string {
  const look = LOOK[status];
  return style(look.style, `${look.glyph} ${look.label ?? status}`);
}

export function statusGlyph(style: Styler, status: StepStatus | RunStatus): string {
  const look = LOOK[status];
  return style(look.style, look.glyph);
}

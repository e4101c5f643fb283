// Numbers as people read them: grouped thousands, a sensible number of significant digits, and
// never scientific notation (a row count of 95,140 is not "9.514e+4").
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const LARGE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const SIGNIFICANT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return WHOLE.format(value);
  // Four significant digits, but never fewer than the whole part has.
  return Math.abs(value) >= 1000 ? LARGE.format(value) : SIGNIFICANT.format(value);
}

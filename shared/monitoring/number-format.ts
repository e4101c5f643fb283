// Numbers as people read them: grouped thousands, a sensible number of significant digits, and
// never scientific notation (a row count of 95,140 is not "9.514e+4").
// The formats are made on first use: the first Intl.NumberFormat loads ICU's locale data, which
// would cost every run that imports this (the engine does, for alerts) and formats no number.
let formats: { whole: Intl.NumberFormat; large: Intl.NumberFormat; significant: Intl.NumberFormat } | null = null;

function numberFormats(): NonNullable<typeof formats> {
  formats ??= {
    whole: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
    large: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }),
    significant: new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 }),
  };
  return formats;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const { whole, large, significant } = numberFormats();
  if (Number.isInteger(value)) return whole.format(value);
  // Four significant digits, but never fewer than the whole part has.
  return Math.abs(value) >= 1000 ? large.format(value) : significant.format(value);
}

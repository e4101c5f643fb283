// A difference between two values of a metric, with its sign: "+0.02", "−1.5 s", "±0".
import { formatMetricValue } from '../monitoring/metric-format.js';

export function signedValue(metric: string, delta: number): string {
  if (delta === 0) return '±0';
  const magnitude = formatMetricValue(metric, Math.abs(delta));
  return delta > 0 ? `+${magnitude}` : `−${magnitude}`;
}

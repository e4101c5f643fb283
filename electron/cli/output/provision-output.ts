// Provisioning progress as lines: phases, image layers as they change state (download progress
// in quarters), build output, data copied, services and their health.
import type { ProvisionEvent } from '../../../shared/run/environment-types.js';
import type { Styler } from './terminal-style.js';
import { formatSize } from '../../../shared/pipeline/sizes.js';

export function provisionPrinter(out: NodeJS.WritableStream, style: Styler): (event: ProvisionEvent) => void {
  const layerState = new Map<string, string>();
  const write = (line: string) => out.write(`${line}\n`);
  return (event) => {
    switch (event.type) {
      case 'phase':
        write(style('bold', `▸ ${event.environment}: ${event.phase} — ${event.message}`));
        return;
      case 'layer': {
        const quarter = event.total ? Math.floor(((event.current ?? 0) / event.total) * 4) : 0;
        const key = `${event.status}:${quarter}`;
        if (layerState.get(event.layer) === key) return;
        layerState.set(event.layer, key);
        const amount = event.total ? ` ${formatSize(event.current ?? 0)} / ${formatSize(event.total)}` : '';
        write(style('gray', `  ${event.layer}: ${event.status}${amount}`));
        return;
      }
      case 'build':
        write(style('gray', `  │ ${event.line}`));
        return;
      case 'data':
        if (event.done) write(`  ${event.source}: ${event.files} file(s), ${formatSize(event.bytes)}`);
        return;
      case 'service':
        write(`  service ${event.service}: ${event.state}${event.health ? ` (${event.health})` : ''}`);
        return;
      case 'finished':
        write(
          event.ok
            ? style(
                'green',
                `✓ ${event.environment} ${event.action === 'up' ? 'is up' : `is down${event.message ? `: ${event.message}` : ''}`}`,
              )
            : style('red', `✗ ${event.environment}: ${event.message ?? 'failed'}`),
        );
    }
  };
}

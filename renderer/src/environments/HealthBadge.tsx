// A service's container state and healthcheck verdict, in words and colour.
export function HealthBadge({ state, health }: { state: string; health: string | null }) {
  const tone =
    state !== 'running'
      ? state === 'missing' || state === 'unknown'
        ? 'muted'
        : 'failed'
      : health === 'unhealthy'
        ? 'failed'
        : health === 'starting'
          ? 'running'
          : 'succeeded';
  return (
    <span className={`health-badge ${tone}`} data-testid="health-badge">
      {state}
      {health ? ` · ${health}` : ''}
    </span>
  );
}

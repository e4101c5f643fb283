// The command palette (Ctrl/Cmd+Shift+P): every action of the studio with its keys, filtered as
// you type, chosen with the arrows and Enter, closed with Escape. A combobox over a listbox,
// the active option announced through aria-activedescendant, so a screen reader follows it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { STUDIO_ACTIONS, shortcutText } from '../controllers/studio-actions.js';
import type { StudioAction } from '../controllers/studio-actions.js';
import { fuzzyFilter } from '../studio/fuzzy-match.js';
import { useStudio } from '../studio/studio-context.js';

const MAC = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');

function optionId(action: StudioAction): string {
  return `palette-option-${action.command}`;
}

export function CommandPalette({ onClose }: { onClose(): void }) {
  const { controller } = useStudio();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  // The palette does not list itself: it is open.
  const actions = useMemo(
    () =>
      fuzzyFilter(
        STUDIO_ACTIONS.filter((action) => action.command !== 'command-palette'),
        query,
        (action) => `${action.group} ${action.label}`,
      ),
    [query],
  );
  const current = actions[Math.min(active, actions.length - 1)];

  useEffect(() => {
    if (current) list.current?.querySelector(`#${optionId(current)}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const choose = (action: StudioAction | undefined) => {
    if (!action) return;
    onClose();
    controller.command(action.command);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 5, PageUp: -5 };
    const move = moves[event.key];
    if (move !== undefined && actions.length > 0) {
      event.preventDefault();
      setActive((index) => Math.max(0, Math.min(actions.length - 1, Math.min(index, actions.length - 1) + move)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div
        className="dialog command-palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="command-palette"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <input
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-options"
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          autoFocus
          value={query}
          data-testid="palette-input"
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id="palette-options" role="listbox" aria-label="Commands" className="palette-options" ref={list}>
          {actions.map((action, index) => (
            <li
              key={action.command}
              id={optionId(action)}
              role="option"
              aria-selected={action === current}
              className={action === current ? 'active' : undefined}
              data-testid={optionId(action)}
              onMouseMove={() => setActive(index)}
              onClick={() => choose(action)}
            >
              <span className="palette-group muted">{action.group}</span>
              <span className="palette-label">{action.label}</span>
              {action.shortcuts.map((shortcut) => (
                <kbd key={shortcutText(shortcut, MAC)}>{shortcutText(shortcut, MAC)}</kbd>
              ))}
            </li>
          ))}
          {actions.length === 0 ? (
            <li className="muted palette-empty" role="presentation">
              No command matches “{query}”
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}

// "Add test": the kinds of test, each with a line saying what it checks. The list opens in place
// (not a popover) so it never falls outside the scrolling inspector.
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { TEST_KINDS } from '../../../../shared/pipeline/test-schema.js';
import type { TestKind } from '../../../../shared/pipeline/test-schema.js';
import { KIND_LABEL, kindHint } from './test-kinds.js';

export function AddTestMenu({ onAdd }: { onAdd(kind: TestKind): void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="add-test">
      <button
        type="button"
        className="button small"
        data-testid="test-add"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Plus size={13} /> Add test
      </button>
      {open ? (
        <ul
          className="test-kind-menu"
          role="menu"
          data-testid="test-kind-menu"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpen(false);
          }}
        >
          {TEST_KINDS.map((kind) => (
            <li key={kind} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`test-add-${kind}`}
                title={kindHint(kind)}
                onClick={() => {
                  setOpen(false);
                  onAdd(kind);
                }}
              >
                <span className="test-kind-name">{KIND_LABEL[kind]}</span>
                <span className="test-kind-hint">{kindHint(kind)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

// The studio's own yes/no dialog: unsaved changes, deletions and other decisions are asked
// here, in the studio's look and with its keyboard handling, never with the browser's confirm().
import { X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useWorkspace } from '../studio/studio-context.js';
import { useEscape } from '../studio/use-escape.js';

export function QuestionDialog() {
  const question = useWorkspace((state) => state.question);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEscape(() => question?.answer(false), question !== null);
  useEffect(() => {
    if (question && !question.danger) confirmButton.current?.focus();
  }, [question]);
  if (!question) return null;
  return (
    <div className="dialog-backdrop" onMouseDown={() => question.answer(false)}>
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="question-title"
        aria-describedby="question-message"
        data-testid="question-dialog"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <div className="dialog-title">
          <span id="question-title">{question.title}</span>
          <button
            type="button"
            className="icon-button"
            title="Cancel"
            aria-label="Cancel"
            onClick={() => question.answer(false)}
          >
            <X size={16} />
          </button>
        </div>
        <p id="question-message" data-testid="question-message">
          {question.message}
        </p>
        <div className="dialog-actions">
          <button
            type="button"
            className="button"
            data-testid="question-cancel"
            autoFocus={question.danger}
            onClick={() => question.answer(false)}
          >
            {question.cancel ?? 'Cancel'}
          </button>
          <button
            type="button"
            ref={confirmButton}
            className={`button ${question.danger ? 'danger' : 'primary'}`}
            data-testid="question-confirm"
            onClick={() => question.answer(true)}
          >
            {question.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}

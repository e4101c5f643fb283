// A small code editor (CodeMirror 6) for commands and SQL test queries: syntax highlighting,
// undo history, and line wrapping, sized to its content.
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { StreamLanguage, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';

interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  testId: string;
  /** What a screen reader announces for the editor ("Command of step clean"). */
  label: string;
  readOnly?: boolean;
  placeholderText?: string;
  /** shell for commands; sql for data-test queries (DuckDB reads close to PostgreSQL). */
  language?: 'shell' | 'sql';
}

export function CodeEditor({
  value,
  onChange,
  testId,
  label,
  readOnly = false,
  placeholderText = '',
  language = 'shell',
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;

  useEffect(() => {
    if (!host.current) return undefined;
    const created = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          language === 'sql' ? sql({ dialect: PostgreSQL }) : StreamLanguage.define(shell),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          placeholder(placeholderText),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latestOnChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => created.destroy();
    // The editor is created once per mount; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readOnly, language, label]);

  useEffect(() => {
    const current = view.current;
    if (current && current.state.doc.toString() !== value) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div className="code-editor" data-testid={testId} ref={host} />;
}

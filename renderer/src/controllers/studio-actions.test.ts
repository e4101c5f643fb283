import { describe, expect, it } from 'vitest';
import { STUDIO_ACTIONS, actionForKey, shortcutText } from './studio-actions.js';

const press = (key: string, keys: { mod?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key,
  ctrlKey: keys.mod ?? false,
  metaKey: false,
  shiftKey: keys.shift ?? false,
  altKey: keys.alt ?? false,
});

describe('the studio actions', () => {
  it('turn key presses into the commands the shortcuts always had', () => {
    const command = (p: ReturnType<typeof press>, typing = false) => actionForKey(p, typing)?.command ?? null;
    expect(command(press('s', { mod: true }))).toBe('save');
    expect(command(press('s', { mod: true }), true)).toBe('save');
    expect(command(press('z', { mod: true }))).toBe('undo');
    expect(command(press('Z', { mod: true, shift: true }))).toBe('redo');
    expect(command(press('y', { mod: true }))).toBe('redo');
    expect(command(press('z', { mod: true }), true)).toBeNull();
    expect(command(press('Enter', { mod: true }))).toBe('run');
    expect(command(press('F5'))).toBe('run');
    expect(command(press('f'))).toBe('fit-view');
    expect(command(press('f', { alt: true }))).toBeNull();
    expect(command(press('l'))).toBe('auto-layout');
    expect(command(press('L', { shift: true }))).toBe('open-log');
    expect(command(press('f'), true)).toBeNull();
    expect(command(press('P', { mod: true, shift: true }), true)).toBe('command-palette');
    expect(command(press('p', { mod: true }))).toBeNull();
  });

  it('name each command once and write keys for people', () => {
    const commands = STUDIO_ACTIONS.map((action) => action.command);
    expect(new Set(commands).size).toBe(commands.length);
    expect(shortcutText({ key: 'p', mod: true, shift: true }, false)).toBe('Ctrl+Shift+P');
    expect(shortcutText({ key: 'p', mod: true, shift: true }, true)).toBe('⌘⇧P');
    expect(shortcutText({ key: 'enter', mod: true }, false)).toBe('Ctrl+Enter');
    expect(shortcutText({ key: 'l', mod: false, shift: true }, false)).toBe('Shift+L');
  });
});

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/ipc/contract.js';
import { menuTemplate } from './app-menu.js';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

describe('the application menu', () => {
  const sent: MenuCommand[] = [];
  const opened: Array<string | undefined> = [];
  const template = menuTemplate({
    send: (command) => sent.push(command),
    openWorkspace: (path) => opened.push(path),
    recent: ['/work/a'],
    isMac: false,
  });
  const all = items(template);
  const byLabel = (label: string) => all.find((item) => item.label === label) as MenuItemConstructorOptions;

  it('has the usual shortcuts, left to the page so text fields keep theirs', () => {
    expect(byLabel('Save')).toMatchObject({ accelerator: 'CmdOrCtrl+S', registerAccelerator: false });
    expect(byLabel('Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(byLabel('Redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: false });
    expect(byLabel('Open Workspace…').accelerator).toBe('CmdOrCtrl+O');
    expect(all.filter((item) => item.role).map((item) => item.role)).toEqual(
      expect.arrayContaining(['cut', 'copy', 'paste', 'quit', 'toggleDevTools']),
    );
  });

  it('sends commands to the page and opens recent workspaces', () => {
    const click = (label: string) => (byLabel(label).click as () => void)();
    click('Save');
    click('Run Pipeline…');
    click('Fit View');
    click('/work/a');
    expect(sent).toEqual(['save', 'run', 'fit-view']);
    expect(opened).toEqual(['/work/a']);
  });
});

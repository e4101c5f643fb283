import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options.js';

describe('the main window', () => {
  it('isolates the page from Node and Electron', () => {
    const { webPreferences } = mainWindowOptions('/app/preload.cjs', false);
    expect(webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('opens hidden until ready, in the theme the system uses', () => {
    expect(mainWindowOptions('/p', true)).toMatchObject({ show: false, backgroundColor: '#0f1217' });
    expect(mainWindowOptions('/p', false).backgroundColor).toBe('#f6f7f9');
  });
});

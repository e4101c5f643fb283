// Packaging downloads Electron, which these machines cannot; this checks the configuration
// that `npm run dist` would use.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form YAML
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('builds Linux (AppImage, deb), macOS (dmg) and Windows (nsis) packages with npm run dist', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });

  it('turns off the fuses the app does not need and checks ASAR integrity', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packages the main process, preload, renderer and resources the app loads', () => {
    const files = config.files as string[];
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/electron/**/*.js',
        'out/shared/**/*.js',
        'out/preload/**',
        'out/renderer/**',
      ]),
    );
    expect(pkg.main).toBe('out/electron/main/index.js');
    const resources = (config.extraResources as Array<{ from: string }>).map((entry) => entry.from);
    for (const from of resources) expect(existsSync(new URL(from, root)), from).toBe(true);
    // Notebook steps run it from a real folder, which a Docker container mounts.
    expect(resources).toContain('resources/notebook-runner');
    expect(config.asarUnpack).toContain('**/*.node');
  });
});

import type { WebPreferences } from 'electron';

/**
 * The renderer gets no Node, no Electron and no <webview>: only the preload's
 * `window.api`. Kept apart from window creation so the settings are tested
 * even where no Electron binary exists.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

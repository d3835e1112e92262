import { describe, expect, it } from 'vitest';
import { isAppUrl, rendererLocation } from './app-url';
import { isAllowedExternalUrl } from './external-url-policy';
import { isTrustedSender, type IpcSenderEvent } from './sender-check';
import { secureWebPreferences } from './window-security';

const built = rendererLocation(undefined, '/opt/EquineOps/resources/app/out/renderer/index.html');
const dev = rendererLocation('http://localhost:5173', '/unused');

describe('the app window stays on the app', () => {
  it('recognises its own page and its routes', () => {
    expect(
      isAppUrl('file:///opt/EquineOps/resources/app/out/renderer/index.html#/clients/4', built),
    ).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/settings', dev)).toBe(true);
  });

  it('treats any other page as foreign', () => {
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
    expect(isAppUrl('file:///opt/EquineOps/resources/app/out/renderer/other.html', built)).toBe(
      false,
    );
    expect(isAppUrl('https://evil.example/', built)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });

  it('runs the page with no Node, a sandbox and context isolation', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
    });
  });
});

describe('links leaving the app', () => {
  it('opens https addresses such as View in QuickBooks in the system browser', () => {
    expect(isAllowedExternalUrl('https://app.qbo.intuit.com/app/customerdetail?nameId=58')).toBe(
      true,
    );
  });

  it('allows plain http only to this computer (the local QuickBooks sandbox)', () => {
    expect(isAllowedExternalUrl('http://127.0.0.1:4010/connect/oauth2')).toBe(true);
    expect(isAllowedExternalUrl('http://example.com/')).toBe(false);
  });

  it('never opens files, scripts or other schemes', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('who may call the app over IPC', () => {
  const window = { isDestroyed: () => false, webContents: { id: 3 } };
  const appPage = 'file:///opt/EquineOps/resources/app/out/renderer/index.html#/clients';
  const event = (overrides: Partial<IpcSenderEvent> = {}): IpcSenderEvent => ({
    sender: { id: 3 },
    senderFrame: { url: appPage, parent: null },
    ...overrides,
  });

  it('answers the top frame of the app window', () => {
    expect(isTrustedSender(event(), window, built)).toBe(true);
  });

  it('refuses another window, an iframe, a foreign page or a gone frame', () => {
    expect(isTrustedSender(event({ sender: { id: 4 } }), window, built)).toBe(false);
    expect(
      isTrustedSender(event({ senderFrame: { url: appPage, parent: {} } }), window, built),
    ).toBe(false);
    expect(
      isTrustedSender(
        event({ senderFrame: { url: 'https://evil.example/', parent: null } }),
        window,
        built,
      ),
    ).toBe(false);
    expect(isTrustedSender(event({ senderFrame: null }), window, built)).toBe(false);
    expect(isTrustedSender(event(), null, built)).toBe(false);
    expect(isTrustedSender(event(), { ...window, isDestroyed: () => true }, built)).toBe(false);
  });
});

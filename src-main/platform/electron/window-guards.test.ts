import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, rendererLocation } from './app-url';
import { createExternalUrlPolicy } from './external-url-policy';
import { answerAppRequest } from './app-protocol';
import { denyPermissionCheck, denyPermissionRequest } from './permission-policy';
import { isTrustedSender, type IpcSenderEvent } from './sender-check';
import { secureWebPreferences } from './window-security';

const built = rendererLocation(undefined, '/opt/EquineOps/resources/app/out/renderer');
const isAllowedExternalUrl = createExternalUrlPolicy('http://127.0.0.1:4010/connect/oauth2');
const dev = rendererLocation('http://localhost:5173', '/unused');

describe('the app window stays on the app', () => {
  it('recognises its own page and its routes', () => {
    expect(built.url).toBe('app://equineops/index.html');
    expect(isAppUrl('app://equineops/index.html#/clients/4', built)).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/settings', dev)).toBe(true);
  });

  it('treats any other page as foreign', () => {
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
    // The built page is no longer served from file://, so a local file is never the app.
    expect(
      isAppUrl('file:///opt/EquineOps/resources/app/out/renderer/index.html#/clients', built),
    ).toBe(false);
    expect(isAppUrl('app://other/index.html', built)).toBe(false);
    expect(isAppUrl('app://user@equineops/index.html', built)).toBe(false);
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
  it('opens the Intuit pages the app links to in the system browser', () => {
    for (const url of [
      'https://app.qbo.intuit.com/app/customerdetail?nameId=58',
      'https://app.sandbox.qbo.intuit.com/app/customerdetail?nameId=58',
      'https://appcenter.intuit.com/connect/oauth2?client_id=AB&state=x',
      'https://developer.intuit.com/app/developer/qbo/docs/get-started',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(true);
    }
  });

  it('refuses any other https site, look-alike hosts and other ports', () => {
    for (const url of [
      'https://evil.example/',
      'https://intuit.com.evil.example/',
      'https://app.qbo.intuit.com.evil.example/',
      'https://evilintuit.com/',
      'https://app.qbo.intuit.com:8443/',
      'https://user:pass@app.qbo.intuit.com/',
      'http://app.qbo.intuit.com/app/customerdetail?nameId=58',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('allows the configured sandbox base only, not any loopback address', () => {
    expect(isAllowedExternalUrl('http://127.0.0.1:4010/connect/oauth2?state=s')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4011/')).toBe(false);
    expect(isAllowedExternalUrl('http://localhost:4010/')).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:5180/api/call/clients.list')).toBe(false);
    expect(isAllowedExternalUrl('http://example.com/')).toBe(false);
    const intuitOnly = createExternalUrlPolicy(null);
    expect(intuitOnly('http://127.0.0.1:4010/connect/oauth2')).toBe(false);
    expect(intuitOnly('https://app.qbo.intuit.com/app/customerdetail?nameId=58')).toBe(true);
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
  const appPage = 'app://equineops/index.html#/clients';
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

describe('browser permissions', () => {
  it('refuses every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'usb']) {
      let granted: boolean | undefined;
      denyPermissionRequest({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('the app:// protocol serving the built renderer', () => {
  const root = '/opt/EquineOps/resources/app/out/renderer';

  it('serves the page with the CSP, and the app for any route', () => {
    const page = answerAppRequest('app://equineops/index.html', 'GET', root);
    expect(page).toMatchObject({ status: 200, file: join(root, 'index.html') });
    expect(page.headers['Content-Security-Policy']).toMatch(/script-src 'self'/);
    expect(page.headers['Content-Security-Policy']).toMatch(/object-src 'none'/);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(answerAppRequest('app://equineops/clients', 'GET', root)).toMatchObject({
      file: join(root, 'index.html'),
    });
    expect(answerAppRequest('app://equineops/assets/app.js', 'GET', root)).toMatchObject({
      status: 200,
      file: join(root, 'assets', 'app.js'),
      headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
    });
  });

  it('never serves a file outside the renderer folder, another host or a write', () => {
    for (const url of [
      'app://equineops/../secret.txt',
      'app://equineops/%2e%2e/secret.txt',
      'app://equineops/assets/..%2f..%2fsecret.txt',
      'app://equineops/..%5c..%5csecret.txt',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const answer = answerAppRequest(url, 'GET', root);
      if (answer.status === 200) expect(answer.file.startsWith(`${root}/`), url).toBe(true);
      else expect(answer.status, url).toBe(404);
    }
    expect(answerAppRequest('app://other/index.html', 'GET', root).status).toBe(404);
    expect(answerAppRequest('app://equineops/index.html', 'POST', root).status).toBe(405);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../errors';
import { startLoopbackListener } from './loopback-listener';

async function visit(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
}

describe('the loopback sign-in listener', () => {
  it('listens on 127.0.0.1 and a random port and accepts the callback with the right state', async () => {
    const listener = await startLoopbackListener({ expectedState: 'expected-state' });
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const page = await visit(`${listener.redirectUri}?code=abc&state=expected-state&realmId=123`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can close this window');
    await expect(listener.result).resolves.toEqual({ code: 'abc', realmId: '123' });
  });

  it('refuses a callback whose state did not come from the app, and keeps waiting for the real one', async () => {
    const listener = await startLoopbackListener({ expectedState: 'expected-state' });
    const forged = await visit(`${listener.redirectUri}?code=evil&state=other&realmId=1`);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('did not start in EquineOps');
    await visit(`${listener.redirectUri}?code=good&state=expected-state&realmId=1`);
    await expect(listener.result).resolves.toEqual({ code: 'good', realmId: '1' });
  });

  it('is single-use: a replayed callback is refused', async () => {
    const listener = await startLoopbackListener({ expectedState: 's' });
    // Keep one connection open so the replay reaches the same listener before it closes.
    const first = await visit(`${listener.redirectUri}?code=one&state=s&realmId=1`);
    expect(first.status).toBe(200);
    const replay = await fetch(`${listener.redirectUri}?code=one&state=s&realmId=1`).then(
      (r) => r.status,
      () => 'closed',
    );
    expect([400, 'closed']).toContain(replay);
    await expect(listener.result).resolves.toEqual({ code: 'one', realmId: '1' });
  });

  it('gives up with a clear message when nobody comes back in time', async () => {
    const listener = await startLoopbackListener({ expectedState: 's', timeoutMs: 50 });
    await expect(listener.result).rejects.toThrow(/took too long/);
    await expect(fetch(listener.redirectUri)).rejects.toThrow();
  });

  it('answers the sign-in tab only after the connection finished, and says it is connected', async () => {
    let finishConnecting: () => void = () => undefined;
    const finishing = new Promise<void>((resolve) => (finishConnecting = resolve));
    const steps: string[] = [];
    const listener = await startLoopbackListener({
      expectedState: 's',
      finish: async () => {
        steps.push('exchange started');
        await finishing;
        steps.push('exchange finished');
      },
    });
    const tab = visit(`${listener.redirectUri}?code=abc&state=s&realmId=1`).then((page) => {
      steps.push('tab answered');
      return page;
    });
    await vi.waitFor(() => expect(steps).toEqual(['exchange started']));
    finishConnecting();
    const page = await tab;
    expect(steps).toEqual(['exchange started', 'exchange finished', 'tab answered']);
    expect(page.status).toBe(200);
    expect(page.text).toContain('EquineOps is connected to QuickBooks');
  });

  it('tells the sign-in tab what went wrong and what to do when the connection fails', async () => {
    const listener = await startLoopbackListener({
      expectedState: 's',
      finish: async () => {
        throw new AppError('quickbooks', 'Intuit did not accept the QuickBooks app keys <here>.');
      },
    });
    const page = await visit(`${listener.redirectUri}?code=abc&state=s&realmId=1`);
    expect(page.status).toBe(502);
    expect(page.text).toContain('QuickBooks was not connected');
    expect(page.text).toContain('Intuit did not accept the QuickBooks app keys &lt;here&gt;.');
    expect(page.text).toContain('Connect to QuickBooks');
    expect(page.text).not.toContain('is connected');
    await expect(listener.result).rejects.toThrow(/did not accept/);
  });

  it('reports a cancelled consent as not connected', async () => {
    const listener = await startLoopbackListener({ expectedState: 's' });
    await visit(`${listener.redirectUri}?error=access_denied&state=s`);
    await expect(listener.result).rejects.toThrow(/cancelled/);
  });
});

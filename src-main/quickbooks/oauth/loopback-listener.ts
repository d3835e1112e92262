import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';

export interface LoopbackCallback {
  code: string;
  realmId: string;
}

export interface LoopbackListener {
  redirectUri: string;
  /**
   * Settles once: with the callback carrying the right state once `finish`
   * has completed the connection, or with the error that stopped it.
   */
  result: Promise<LoopbackCallback>;
  close(): void;
  /** Settles once the port is free again (a fixed relay port is reused by the next sign-in). */
  closed: Promise<void>;
}

/** What the sign-in tab says when the connection failed: the error's words, then what to do. */
const TRY_AGAIN =
  'Close this window, then click “Connect to QuickBooks” in EquineOps to try again.';

export const CALLBACK_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Receives Intuit's redirect on 127.0.0.1 and a random port. The state must
 * match, the callback is used once, and the listener gives up after five
 * minutes, so a stale or forged redirect can never complete a connection.
 */
export async function startLoopbackListener(options: {
  expectedState: string;
  timeoutMs?: number;
  /** 0 (default) picks a free port; a relay for production keys needs a fixed one. */
  port?: number;
  /**
   * Completes the connection (token exchange, keychain, company name). The tab
   * is answered only once it has finished, so it tells the truth: connected,
   * or what went wrong.
   */
  finish?: (callback: LoopbackCallback) => Promise<void>;
}): Promise<LoopbackListener> {
  let settle: { resolve: (v: LoopbackCallback) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<LoopbackCallback>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => undefined);
  let used = false;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      res.writeHead(404).end();
      return;
    }
    const page = (status: number, title: string, body: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'cache-control': 'no-store',
        // The address holds the authorization code: never send it on.
        'referrer-policy': 'no-referrer',
      });
      res.end(
        `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
          `<body style="font-family:sans-serif;max-width:32rem;margin:4rem auto">` +
          `<h1>${title}</h1><p>${body}</p></body>`,
      );
    };
    if (used) {
      page(
        400,
        'Link already used',
        'This sign-in link was already used. Start again from EquineOps if needed.',
      );
      return;
    }
    const state = url.searchParams.get('state') ?? '';
    if (!sameSecret(state, options.expectedState)) {
      page(
        400,
        'Sign-in not recognised',
        'This sign-in did not start in EquineOps, so it was ignored.',
      );
      return;
    }
    used = true;
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    const realmId = url.searchParams.get('realmId');
    if (error || !code || !realmId) {
      page(
        400,
        'QuickBooks was not connected',
        'The connection was cancelled. You can close this window.',
      );
      settle?.reject(
        new AppError(
          'validation',
          'QuickBooks was not connected: the authorization was cancelled.',
          {
            detail: error ?? 'missing code or realmId',
          },
        ),
      );
      setImmediate(close);
    } else {
      // The time-out is for a user who never comes back; a slow exchange in progress must not be cut off.
      clearTimeout(timer);
      const callback = { code, realmId };
      void (options.finish?.(callback) ?? Promise.resolve()).then(
        () => {
          page(
            200,
            'EquineOps is connected to QuickBooks',
            'You can close this window and return to EquineOps.',
          );
          settle?.resolve(callback);
          setImmediate(close);
        },
        (failure: unknown) => {
          const reason =
            failure instanceof AppError
              ? failure.message
              : 'Something went wrong while finishing the connection.';
          page(502, 'QuickBooks was not connected', `${escapeHtml(reason)} ${TRY_AGAIN}`);
          settle?.reject(failure instanceof Error ? failure : new Error(String(failure)));
          setImmediate(close);
        },
      );
    }
  });

  const timer = setTimeout(() => {
    settle?.reject(
      new AppError(
        'validation',
        'Connecting to QuickBooks took too long (5 minutes). Please try again.',
      ),
    );
    close();
  }, options.timeoutMs ?? CALLBACK_TIMEOUT_MS);
  timer.unref();

  function close(): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    clearTimeout(timer);
    throw listenError(error, options.port ?? 0);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const closed = new Promise<void>((resolve) => {
    if (!server.listening) resolve();
    else server.once('close', () => resolve());
  });
  return { redirectUri: `http://127.0.0.1:${port}/callback`, result, close, closed };
}

/**
 * A fixed port (the relay for production keys) can be taken by another
 * program, which would then receive the sign-in: say which port and what to do.
 */
function listenError(error: unknown, port: number): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return new AppError(
      'validation',
      `Another program on this computer is using port ${port}, where QuickBooks sends the sign-in back to EquineOps, so the sign-in was not started. Close that program (or restart the computer), then click “Connect to QuickBooks” again. If your relay forwards to another port, set QBO_LOOPBACK_PORT (see “Connecting QuickBooks” in the README).`,
      { detail: `${code} 127.0.0.1:${port}` },
    );
  }
  return new AppError('internal', 'The QuickBooks sign-in could not be started.', {
    detail: `${code ?? ''} ${(error as Error).message ?? String(error)}`.trim(),
  });
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

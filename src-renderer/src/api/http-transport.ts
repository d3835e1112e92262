import {
  AppErrorShape,
  eventNames,
  httpPaths,
  type CallResult,
  type EventName,
  type Transport,
} from '../../../src-shared/contract';

const unreachable: CallResult<never> = {
  ok: false,
  error: {
    code: 'internal',
    message:
      'EquineOps Client Sync is not answering. Check that it is still running, then try again.',
  },
};

/** The browser host: one POST per call, server-sent events for pushes. */
export function createHttpTransport(): Transport {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  let source: EventSource | null = null;

  function openEvents(): void {
    source = new EventSource(httpPaths.events);
    for (const name of eventNames) {
      source.addEventListener(name, (message) => {
        const payload = parseJson((message as MessageEvent<string>).data);
        for (const listener of listeners) listener(name, payload);
      });
    }
  }

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(httpPaths.call(method), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return unreachable;
      }
      const body = parseJson(await response.text()) as CallResult<unknown> | undefined;
      if (body && typeof body === 'object' && 'ok' in body) {
        if (body.ok || AppErrorShape.safeParse(body.error).success) return body;
      }
      return unreachable;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

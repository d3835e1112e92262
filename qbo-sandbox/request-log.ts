import { formatResponseTime } from './time-format.js';

/** One request as the sandbox saw it. Admin calls are not logged: they are the harness, not the client. */
export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  kind: 'oauth' | 'accounting' | 'other';
  realmId: string | null;
  /** Sandbox-clock time the request arrived. */
  time: string;
  /** Requests in flight for this realm when it arrived, itself included (accounting only). */
  inFlight: number;
  /** Injected latency. */
  delayMs: number;
  /** 0 while pending and for dropped connections. */
  status: number;
  /** What the sandbox did on purpose, e.g. "throttle", "limit:in-flight", "drop". */
  fault: string | null;
  dropped: boolean;
}

// A long demo must not grow without bound; tests never come near this.
const MAX_ENTRIES = 200_000;

export function createRequestLog() {
  let entries: RequestLogEntry[] = [];
  let seq = 0;
  return {
    start(
      init: Pick<RequestLogEntry, 'method' | 'path' | 'query' | 'kind' | 'realmId' | 'inFlight'>,
      nowMs: number,
    ) {
      const entry: RequestLogEntry = {
        seq: ++seq,
        ...init,
        time: formatResponseTime(nowMs),
        delayMs: 0,
        status: 0,
        fault: null,
        dropped: false,
      };
      entries.push(entry);
      if (entries.length > MAX_ENTRIES) entries = entries.slice(-MAX_ENTRIES / 2);
      return entry;
    },
    all: (): RequestLogEntry[] => entries.map((e) => ({ ...e, query: { ...e.query } })),
    clear(): void {
      entries = [];
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;

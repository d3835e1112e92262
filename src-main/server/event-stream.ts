import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../events';

/**
 * `GET /api/events`: the core's events as server-sent events
 * (`event: <name>` + `data: <json>`), the browser host's stand-in for IPC's
 * `webContents.send`. A comment line every `heartbeatMs` keeps proxies and idle
 * timers from closing a quiet stream.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly events: EventBus,
    private readonly heartbeatMs: number,
    /** Each tab holds one stream; a cap keeps a runaway client from holding every socket. */
    private readonly maxOpen: number,
  ) {}

  accept(req: IncomingMessage, res: ServerResponse): void {
    if (this.open.size >= this.maxOpen) {
      const text = `Too many EquineOps tabs are open (${this.maxOpen}). Close the ones you do not need, then reload this one.`;
      res.writeHead(503, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Cache-Control': 'no-store',
        'Retry-After': '5',
      });
      res.end(text);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = this.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    heartbeat.unref();
    this.open.add(res);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
  }

  /** Ends every stream so the server can close; EventSource would reconnect, but the host is going away. */
  closeAll(): void {
    for (const res of this.open) res.end();
  }
}

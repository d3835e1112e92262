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
  ) {}

  accept(req: IncomingMessage, res: ServerResponse): void {
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

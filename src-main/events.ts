import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../src-shared/contract';

/** How an event came: `remote` when another computer on the shared database sent it. */
export interface EventMeta {
  remote: boolean;
}

export type EventListener = (event: EventName, payload: unknown, meta: EventMeta) => void;

const LOCAL: EventMeta = { remote: false };
const REMOTE: EventMeta = { remote: true };

/** The core's outgoing events; each host forwards them to its renderer. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open browser tab is one listener; do not warn at ten.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload, LOCAL);
  }

  /**
   * An event another computer sent through the shared database: the screens here
   * refresh as for a local one, and the change feed does not send it back out.
   */
  emitRemote<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload, REMOTE);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

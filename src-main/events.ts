import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../src-shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** The core's outgoing events; each host forwards them to its renderer. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open browser tab is one listener; do not warn at ten.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

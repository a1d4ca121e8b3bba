import type { BusEvent, BusListener, EventBus, PublishOptions } from './ports';

/** The embedded store's event bus: one process, so events go straight to its own listeners. */
export class LocalBus implements EventBus {
  private readonly listeners = new Map<string, Set<BusListener>>();
  private lastId = 0;

  constructor(private readonly onListenerError: (error: unknown, topic: string) => void = () => undefined) {}

  async publish<T>(topic: string, payload: T, _options?: PublishOptions): Promise<BusEvent<T>> {
    const event = { id: ++this.lastId, topic, payload };
    this.deliver(event);
    return event;
  }

  /** Delivers an event to this process's listeners; a failing listener does not keep it from the others. */
  deliver(event: BusEvent): void {
    for (const listener of this.listeners.get(event.topic) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, event.topic);
      }
    }
  }

  subscribe<T>(topic: string, listener: BusListener<T>): () => void {
    const set = this.listeners.get(topic) ?? new Set();
    set.add(listener as BusListener);
    this.listeners.set(topic, set);
    return () => set.delete(listener as BusListener);
  }

  hasListeners(): boolean {
    return [...this.listeners.values()].some((set) => set.size > 0);
  }

  async forget(): Promise<void> {}

  async prune(): Promise<number> {
    return 0;
  }

  health() {
    return { mode: 'in-process' as const, ok: true };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

import { z } from 'zod';
import type { EventBus } from '../../instances/ports';
import type { ChatHub } from './hub';

const TOPIC = 'webchat';

const chatMessage = z.union([
  z.object({ conversationId: z.string().min(1), activity: z.record(z.string(), z.unknown()), transient: z.boolean().optional() }).strict(),
  z.object({ conversationId: z.string().min(1), forget: z.literal(true) }).strict(),
]);

/**
 * The chat page's events go through the event bus to the hub of every instance, so a page whose
 * stream is open on one instance hears a reply or a wijkverbinder's message sent from another. The
 * bus's event id is the page's event id, the same on every instance, so a page that reconnects
 * elsewhere replays from the right place.
 */
export class ChatRelay {
  private readonly stopListening: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly hub: ChatHub,
  ) {
    this.stopListening = bus.subscribe<unknown>(TOPIC, (event) => {
      const parsed = chatMessage.safeParse(event.payload);
      if (!parsed.success) return;
      if ('forget' in parsed.data) this.hub.forget(parsed.data.conversationId);
      else this.hub.publish(parsed.data.conversationId, parsed.data.activity, { transient: parsed.data.transient, seq: event.id });
    });
  }

  /** Resolves once every instance will see it (and this one has). */
  async publish(conversationId: string, activity: Record<string, unknown>, options: { transient?: boolean } = {}): Promise<void> {
    await this.bus.publish(TOPIC, { conversationId, activity, ...(options.transient ? { transient: true } : {}) }, { scope: conversationId });
  }

  /** Every instance forgets what the conversation's page could replay, and the event log drops it (erasure, "snel weg"). */
  async forget(conversationId: string): Promise<void> {
    await this.bus.forget(conversationId);
    await this.bus.publish(TOPIC, { conversationId, forget: true });
  }

  close(): void {
    this.stopListening();
  }
}

import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';

/**
 * Writes to a resident later, on the channel the resident used, from a stored conversation
 * reference: the one place that knows which adapter serves which channel.
 */
export class ProactiveMessenger {
  constructor(
    private readonly adapters: Record<string, BotAdapter>,
    private readonly fallback: BotAdapter,
    private readonly botAppId: string,
  ) {}

  async continueConversation(reference: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const ref = reference as Partial<ConversationReference>;
    const adapter = this.adapters[ref.channelId ?? ''] ?? this.fallback;
    await adapter.continueConversationAsync(this.botAppId, ref, logic);
  }

  async sendText(reference: Record<string, unknown>, text: string): Promise<void> {
    await this.continueConversation(reference, async (context) => {
      await context.sendActivity(text);
    });
  }
}

import { TurnContext } from 'botbuilder';
import type { ConversationKey } from './ports';

export function conversationKeyOf(context: TurnContext): ConversationKey {
  const activity = context.activity;
  return {
    channel: activity.channelId,
    conversationId: activity.conversation.id,
    userId: activity.from.id,
    reference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<string, unknown>,
  };
}

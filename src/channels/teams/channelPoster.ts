import { CardFactory, Channels, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { AdaptiveCard } from './escalationCard';
import type { CardChannel, PostedCard } from './connectorCards';

export interface TeamsChannelTarget {
  /** The Teams channel id (19:…@thread.tacv2). */
  channelId: string;
  /** The Bot Connector service of the tenant's region (https://smba.trafficmanager.net/…/). */
  serviceUrl: string;
  tenantId: string;
}

/**
 * Writes cards into one Teams channel through the Bot Connector: each case a new thread
 * (createConversation, whose answer names the message to edit later), and edits in place.
 * It has its own CloudAdapter without the bot's middleware: a card is no resident conversation.
 */
export class TeamsChannelPoster implements CardChannel {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly target: TeamsChannelTarget,
  ) {}

  async post(card: AdaptiveCard): Promise<PostedCard> {
    const { channelId, tenantId } = this.target;
    const created = await this.withConnector((client) =>
      client.conversations.createConversation({
        isGroup: true,
        bot: { id: this.botAppId, name: '' },
        tenantId,
        channelData: { channel: { id: channelId }, tenant: { id: tenantId } },
        activity: cardMessage(card),
      } as Parameters<ConnectorClient['conversations']['createConversation']>[0]),
    );
    if (!created.id || !created.activityId) throw new Error('the Bot Connector did not name the new thread and message');
    return { conversationId: created.id, activityId: created.activityId };
  }

  async update(posted: PostedCard, card: AdaptiveCard): Promise<void> {
    await this.withConnector((client) => client.conversations.updateActivity(posted.conversationId, posted.activityId, { ...cardMessage(card), id: posted.activityId }));
  }

  /** A connector client for the target's service, authenticated the way the adapter authenticates every outgoing call. */
  private async withConnector<T>(use: (client: ConnectorClient) => Promise<T>): Promise<T> {
    const { channelId, serviceUrl, tenantId } = this.target;
    const reference: Partial<ConversationReference> = {
      channelId: Channels.Msteams,
      serviceUrl,
      conversation: { id: channelId, isGroup: true, conversationType: 'channel', tenantId, name: '' },
      bot: { id: this.botAppId, name: '' },
    };
    let result: { value: T } | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      result = { value: await use(context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey)) };
    });
    if (!result) throw new Error('the proactive turn did not run');
    return result.value;
  }
}

function cardMessage(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

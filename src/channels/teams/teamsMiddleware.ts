import { ActivityTypes, Channels, TurnContext, type Activity, type Middleware } from 'botbuilder';
import type { Texts } from '../../i18n/texts';
import type { ConnectorCards } from './connectorCards';

const CARD_ACTION = 'adaptiveCard/action';
const PERSONAL = 'personal';

/**
 * What only Teams sends, translated before the bot's own middleware sees it: @mentions stripped
 * from the text, card buttons answered, an edit or delete kept without its content. The intake runs
 * in a personal chat only: in a channel or group chat everybody there would read along.
 */
export class TeamsMiddleware implements Middleware {
  constructor(
    private readonly texts: Texts,
    private readonly cards?: ConnectorCards,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.channelId !== Channels.Msteams) return next();
    const personal = activity.conversation?.conversationType === PERSONAL;
    switch (activity.type) {
      case ActivityTypes.Invoke:
        if (activity.name === CARD_ACTION && this.cards) {
          const body = await this.cards.onAction(context);
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
          return;
        }
        return next();
      case ActivityTypes.Message:
        TurnContext.removeRecipientMention(activity);
        if (!personal) {
          await context.sendActivity(this.texts.teams.personalOnly);
          return;
        }
        return next();
      case ActivityTypes.ConversationUpdate:
        // A new member of a team or group chat is not someone who asked for the intake.
        return personal ? next() : undefined;
      case ActivityTypes.MessageUpdate:
      case ActivityTypes.MessageDelete:
        if (!personal) return;
        dropContent(activity);
        await next();
        if (activity.type === ActivityTypes.MessageUpdate) await context.sendActivity(this.texts.teams.edited);
        return;
      default:
        return next();
    }
  }
}

/** The transcript notes that a message was edited or deleted, and by whom, never the new words (the turn's activity is read-only, its fields are not). */
function dropContent(activity: Activity): void {
  const eventType = (activity.channelData as { eventType?: unknown } | undefined)?.eventType;
  for (const field of ['text', 'textFormat', 'attachments', 'entities', 'value', 'channelData'] as const) delete activity[field];
  if (typeof eventType === 'string') activity.channelData = { eventType };
}

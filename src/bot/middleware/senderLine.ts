import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { format, type Texts } from '../../i18n/texts';
import { senderOf } from '../../handoff/sender';

/**
 * A person's message must not look like the bot's. Channels that only show text (Teams, later
 * WhatsApp) get the name in the text itself ("Anna (wijkverbinder): …"), formatted here once for
 * all of them; a channel that shows a sender of its own (the chat page) is attached without this.
 */
export class SenderLineMiddleware implements Middleware {
  constructor(private readonly texts: Texts) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      activities.forEach((activity, index) => {
        const sender = senderOf(activity);
        if (sender && activity.text) activities[index] = { ...activity, text: format(this.texts.handoff.senderLine, { ...sender, text: activity.text }) } as Partial<Activity>;
      });
      return sendNext();
    });
    await next();
  }
}

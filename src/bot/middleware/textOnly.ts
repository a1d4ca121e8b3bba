import { ActivityTypes, MessageFactory, type Middleware, type TurnContext } from 'botbuilder';
import type { Texts } from '../../i18n/texts';

/**
 * A message with no text, only media (a voice note, a photo, a sticker): the bot reads text only, so
 * it says so kindly and offers a person. It runs after the transcript, so the transcript notes what
 * arrived (the attachment's kind, never the media itself).
 */
export class TextOnlyMiddleware implements Middleware {
  constructor(private readonly texts: Texts) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    const text = typeof activity.text === 'string' ? activity.text : '';
    if (activity.type === ActivityTypes.Message && text.trim() === '' && !activity.value && (activity.attachments?.length ?? 0) > 0) {
      await context.sendActivity(MessageFactory.suggestedActions(this.texts.errors.notTextChoices, this.texts.errors.notText));
      return;
    }
    await next();
  }
}

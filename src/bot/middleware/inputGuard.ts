import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Texts } from '../../i18n/texts';

/** Answers messages the dialogs cannot use (too long, or no text at all) before they reach them. */
export class InputGuardMiddleware implements Middleware {
  constructor(private readonly texts: Texts, private readonly maxChars: number) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      const text = typeof activity.text === 'string' ? activity.text : '';
      if (text.length > this.maxChars) {
        await context.sendActivity(this.texts.errors.tooLong);
        return;
      }
      if (text.trim() === '' && !activity.value && (activity.attachments?.length ?? 0) > 0) {
        await context.sendActivity(this.texts.errors.notText);
        return;
      }
    }
    await next();
  }
}

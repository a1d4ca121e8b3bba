import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Texts } from '../../i18n/texts';
import type { CrisisScanner } from './crisisMiddleware';

/**
 * Answers messages too long for the dialogs before they reach them, and before the transcript: a
 * refused message is not stored. A too-long message is first read whole for
 * danger; one that holds a crisis goes on, so the crisis reply and the evidence are never lost.
 */
export class InputGuardMiddleware implements Middleware {
  constructor(
    private readonly texts: Texts,
    private readonly maxChars: number,
    private readonly scanner: CrisisScanner,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      const text = typeof activity.text === 'string' ? activity.text : '';
      if (text.length > this.maxChars && !this.scanner.scan(text).some((flag) => flag.severity === 'crisis')) {
        await context.sendActivity(this.texts.errors.tooLong);
        return;
      }
    }
    await next();
  }
}

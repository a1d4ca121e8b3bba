import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { conversationKeyOf } from '../../../dialogs/conversationKey';
import type { ConversationKey } from '../../../dialogs/ports';
import type { CaseFlag } from '../../cases/case';
import type { Texts } from '../../i18n/texts';
import { CRISIS_TURN, crisisReply } from '../../../dialogs/helplines';

export interface CrisisScanner {
  scan(message: string, messageIndex?: number): CaseFlag[];
}

export interface CrisisRecorder {
  markCrisis(who: ConversationKey, flags: CaseFlag[]): Promise<void>;
}

/**
 * Reads every resident message before any dialog does. A crisis signal interrupts whatever the
 * dialog was doing: the resident gets the numbers that fit, and the case is marked urgent. The
 * dialog keeps its place, so the next message carries on where the resident was.
 */
export class CrisisMiddleware implements Middleware {
  constructor(private readonly scanner: CrisisScanner, private readonly recorder: CrisisRecorder, private readonly texts: Texts) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    const crisis = text ? this.scanner.scan(text).filter((flag) => flag.severity === 'crisis') : [];
    if (crisis.length === 0) return next();

    context.turnState.set(CRISIS_TURN, true);
    await context.sendActivity({ type: ActivityTypes.Message, text: crisisReply(this.texts, crisis) });
    await this.recorder.markCrisis(conversationKeyOf(context), crisis);
  }
}

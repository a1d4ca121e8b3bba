import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { conversationKeyOf } from '../../../dialogs/conversationKey';
import type { ConversationKey } from '../../../dialogs/ports';
import type { CaseFlag } from '../../cases/case';
import type { Texts } from '../../i18n/texts';
import { helplineTexts } from '../../../dialogs/helplines';

/** Set on a turn that raised a crisis, so the transcript keeps it even before consent (vital interest, AVG art. 6(1)(d)). */
export const CRISIS_TURN = Symbol('crisisTurn');

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
    await context.sendActivities([
      { type: ActivityTypes.Message, text: [this.texts.crisis.intro, ...helplineTexts(this.texts, crisis)].join('\n\n') },
      { type: ActivityTypes.Message, text: this.texts.crisis.escalated },
    ]);
    await this.recorder.markCrisis(conversationKeyOf(context), crisis);
  }
}

import { ActivityTypes, MessageFactory, type StatePropertyAccessor } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CaseFlag } from '../src/cases/case';
import type { Texts } from '../src/i18n/texts';
import { conversationKeyOf } from './conversationKey';
import { CRISIS_TURN, crisisReply } from './helplines';
import type { DangerHint, DangerScanner, IntakeService } from './ports';
import { answerYesNo, type PendingYesNo } from './yesNoBeside';

/** The danger question is open: the words that raised it, and the message the resident wrote. */
export interface PendingDangerCheck extends PendingYesNo {
  text: string;
  hints: DangerHint[];
}

/** What the resident answered, kept for the whole conversation: the question is asked only once. */
export type DangerAnswer = 'yes' | 'no' | 'unclear';

// One unclear answer gets the question again; after that the bot goes on, with 112 said once more.
const MAX_UNCLEAR_ANSWERS = 2;
const CHECKED = Symbol('dangerChecked');

/**
 * When unsure, ask, don't guess: a message with words that may mean danger now (smoke, a weapon, a
 * bridge, someone not moving) gets "are you or someone else in danger now?" before anything else.
 * Yes is a crisis with the numbers that fit; no replays the resident's message to the dialog, so
 * they never have to type it again. Like erasure it sits beside the dialog stack, not on it.
 */
export class DangerCheck {
  constructor(
    private readonly texts: Texts,
    private readonly scanner: DangerScanner,
    private readonly intake: IntakeService,
    private readonly pending: StatePropertyAccessor<PendingDangerCheck | undefined>,
    private readonly answered: StatePropertyAccessor<DangerAnswer | undefined>,
  ) {}

  /**
   * Asks the question when this message hints at danger, once per conversation: asking again at every
   * such message would wear the resident out (certain crisis words still get the crisis reply every time).
   * Undefined lets the turn go on as usual.
   */
  async ask(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = dc.context;
    if (activity.type !== ActivityTypes.Message || !activity.text || dc.context.turnState.get(CHECKED)) return undefined;
    if (await this.answered.get(dc.context)) return undefined;
    const hints = this.scanner.hints(activity.text);
    if (hints.length === 0) return undefined;
    await this.pending.set(dc.context, { text: activity.text, hints, unclearAnswers: 0 });
    await this.askQuestion(dc, this.texts.danger.question);
    return Dialog.EndOfTurn;
  }

  /** Handles the answer, if the question is open; undefined lets the turn go on (with the original message after "no"). */
  async answer(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const answered = await answerYesNo(dc, this.pending, MAX_UNCLEAR_ANSWERS, () => this.askQuestion(dc, this.texts.danger.retry));
    if (answered === undefined) return undefined;
    if (answered === 'asked-again') return Dialog.EndOfTurn;
    const { state, yes } = answered;
    await this.answered.set(dc.context, yes === true ? 'yes' : yes === false ? 'no' : 'unclear');
    if (yes === true) {
      const flags = state.hints.map(confirmedFlag);
      dc.context.turnState.set(CRISIS_TURN, true);
      await dc.context.sendActivity({ type: ActivityTypes.Message, text: crisisReply(this.texts, flags) });
      await this.intake.markCrisis(conversationKeyOf(dc.context), flags);
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(yes === false ? this.texts.danger.no : this.texts.danger.unclear);
    // The dialog reads the message the resident wrote before the question, as if the question had not been asked.
    dc.context.activity.text = state.text;
    dc.context.turnState.set(CHECKED, true);
    return undefined;
  }

  private async askQuestion(dc: DialogContext, text: string): Promise<void> {
    await dc.context.sendActivity(MessageFactory.suggestedActions(this.texts.danger.choices, text));
  }
}

/** The resident said there is danger now: the hint's words become crisis evidence, kept in their own words. */
function confirmedFlag(hint: DangerHint): CaseFlag {
  return {
    domain: 'veiligheid',
    signal: `danger-confirmed-${hint.signal}`,
    severity: 'crisis',
    evidence: hint.evidence,
    message: 0,
    start: hint.start,
    end: hint.end,
    helpline: hint.helpline,
  };
}

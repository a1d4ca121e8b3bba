import { MessageFactory, type StatePropertyAccessor } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { RESIDENT_ERASED_KEY } from '../src/cases/channelMarks';
import type { Texts } from '../src/i18n/texts';
import type { ResidentErasure } from './ports';
import { answerYesNo, type PendingYesNo } from './yesNoBeside';

/** Where an erasure request stands in a conversation: asked, and how many unclear answers since. */
export type PendingErasure = PendingYesNo;

// After this many answers that are neither yes nor no, nothing is erased: erasure cannot be undone.
const MAX_UNCLEAR_ANSWERS = 2;

/**
 * "Verwijder mijn gegevens" (AVG art. 17), asked once more because it cannot be undone. It sits
 * beside the dialog stack instead of on it, so saying no leaves the resident exactly where they were.
 */
export class ErasureStep {
  constructor(
    private readonly texts: Texts,
    private readonly erasure: ResidentErasure,
    private readonly pending: StatePropertyAccessor<PendingErasure | undefined>,
  ) {}

  async ask(dc: DialogContext): Promise<DialogTurnResult> {
    await this.pending.set(dc.context, { unclearAnswers: 0 });
    await this.askConfirmation(dc, this.texts.erasure.confirm);
    return Dialog.EndOfTurn;
  }

  /** Handles the answer to the confirmation, if one is awaited; undefined lets the turn go on as usual. */
  async answer(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const answered = await answerYesNo(dc, this.pending, MAX_UNCLEAR_ANSWERS, () => this.askConfirmation(dc, this.texts.erasure.retry));
    if (answered === undefined) return undefined;
    if (answered === 'asked-again') return Dialog.EndOfTurn;
    const { yes } = answered;
    if (yes !== true) {
      await dc.context.sendActivity(this.texts.erasure.kept);
      await dc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    try {
      await this.erasure.erase(dc.context);
    } catch {
      // Nothing is lost: the store keeps what it had, and the resident can simply ask again.
      await dc.context.sendActivity(this.texts.erasure.failed);
      await dc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity({ type: 'message', text: this.texts.erasure.done, channelData: { [RESIDENT_ERASED_KEY]: true } });
    return dc.cancelAllDialogs();
  }

  private async askConfirmation(dc: DialogContext, text: string): Promise<void> {
    await dc.context.sendActivity(MessageFactory.suggestedActions(this.texts.erasure.choices, text));
  }
}

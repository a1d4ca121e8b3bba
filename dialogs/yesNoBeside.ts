import type { StatePropertyAccessor } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { recognizeYesNo } from './yesNo';

/** A yes/no question asked beside the dialog stack: what it was about, and how many unclear answers came since. */
export interface PendingYesNo {
  unclearAnswers: number;
}

/**
 * Reads the answer to such a question. Undefined when none is open; 'asked-again' after an unclear
 * answer while tries are left (`askAgain` has then asked once more); otherwise the question is closed
 * and the answer is returned: true, false, or undefined when it stayed unclear.
 */
export async function answerYesNo<T extends PendingYesNo>(
  dc: DialogContext,
  pending: StatePropertyAccessor<T | undefined>,
  maxUnclearAnswers: number,
  askAgain: () => Promise<void>,
): Promise<{ state: T; yes: boolean | undefined } | 'asked-again' | undefined> {
  const state = await pending.get(dc.context);
  if (!state) return undefined;
  const yes = recognizeYesNo(dc.context.activity.text);
  if (yes === undefined && state.unclearAnswers + 1 < maxUnclearAnswers) {
    await pending.set(dc.context, { ...state, unclearAnswers: state.unclearAnswers + 1 });
    await askAgain();
    return 'asked-again';
  }
  await pending.delete(dc.context);
  return { state, yes };
}

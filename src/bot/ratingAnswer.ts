import { MessageFactory, type TurnContext } from 'botbuilder';
import { detectCommand, foldForCommands } from '../../dialogs/commands';
import { recognizeYesNo } from '../../dialogs/yesNo';
import { ratingAnswers, residentKeyOf, type RatingAnswer } from '../cases/case';
import type { HandoffCore } from '../handoff/handoffService';
import type { Texts } from '../i18n/texts';

/** Enough for a few sentences about how it went; more is cut, not refused. */
const MAX_MORE_CHARS = 1000;

/**
 * The resident's answer to the rating question asked after a close. Answers only the message that
 * is an answer: anything else (a new question, a command) settles the question as let pass, and the
 * message goes on as if nothing was asked, so an ignored question never traps the resident.
 * Resolves true when the message was the answer and the bot has replied.
 */
export async function answerRating(context: TurnContext, handoff: HandoffCore, texts: Texts): Promise<boolean> {
  const { channelId, conversation, from, text } = context.activity;
  const pending = await handoff.pendingRating(channelId, conversation.id, residentKeyOf(channelId, from.id));
  if (!pending?.rating) return false;
  const rating = texts.handoff.rating;
  const command = detectCommand(text, texts) !== undefined;
  if (pending.rating.answer === undefined) {
    const choice = command ? undefined : ratingChoice(text, texts);
    if (choice === undefined) {
      await handoff.rate(pending.id, { settled: true });
      return false;
    }
    if (choice === 'refused') {
      await handoff.rate(pending.id, { refused: true, settled: true });
      await context.sendActivity(rating.thanksRefused);
      return true;
    }
    await handoff.rate(pending.id, { answer: choice });
    await context.sendActivity(MessageFactory.suggestedActions([rating.noMore], rating.moreQuestion));
    return true;
  }
  if (command) {
    await handoff.rate(pending.id, { settled: true });
    return false;
  }
  const declined = same(text, rating.noMore) || recognizeYesNo(text) === false;
  const more = (text ?? '').trim().slice(0, MAX_MORE_CHARS);
  await handoff.rate(pending.id, declined || more === '' ? { settled: true } : { more, settled: true });
  await context.sendActivity(rating.thanks);
  return true;
}

/** One of the three buttons (or its words typed), "liever niet" or a plain no; undefined for anything else. */
function ratingChoice(text: string | undefined, texts: Texts): RatingAnswer | 'refused' | undefined {
  const rating = texts.handoff.rating;
  const chosen = ratingAnswers.find((answer) => same(text, rating.choices[answer]));
  if (chosen) return chosen;
  return same(text, rating.refuse) || recognizeYesNo(text) === false ? 'refused' : undefined;
}

function same(text: string | undefined, label: string): boolean {
  return text !== undefined && foldForCommands(text) === foldForCommands(label);
}

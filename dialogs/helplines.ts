import type { CaseFlag } from '../src/cases/case';
import type { Texts } from '../src/i18n/texts';

/** Set on a turn in which the resident got the crisis reply: the transcript keeps it even before consent, and no later message repeats the numbers. */
export const CRISIS_TURN = Symbol('crisisTurn');

/**
 * Only the numbers that fit the danger, in the order it calls for: 112 first where there is direct
 * danger (fire, gas, someone not responding, a weapon); for suicidal thoughts 113, for violence at
 * home Veilig Thuis, each with one short line about 112 instead of the whole emergency block.
 */
export function helplineTexts(texts: Texts, flags: CaseFlag[]): string[] {
  const helplines = texts.crisis.helplines as Record<string, string>;
  const kinds = new Set(flags.map((flag) => (flag.helpline && flag.helpline in helplines ? flag.helpline : 'emergency')));
  const lines = Object.keys(helplines).filter((kind) => kinds.has(kind)).map((kind) => helplines[kind]);
  // The Veilig Thuis line names 112 itself.
  if (!kinds.has('emergency') && !kinds.has('domestic')) lines.push(texts.crisis.directDanger);
  return lines;
}

/** The one calm crisis message: that we read it, the numbers that fit, and that a person takes over now. */
export function crisisReply(texts: Texts, flags: CaseFlag[]): string {
  return [texts.crisis.intro, ...helplineTexts(texts, flags), texts.crisis.escalated].join('\n\n');
}

import type { CaseFlag } from '../src/cases/case';
import type { Texts } from '../src/i18n/texts';

/** Each kind of danger gets its own number; 112 always comes along, as the number for acute danger. */
export function helplineTexts(texts: Texts, flags: CaseFlag[]): string[] {
  const helplines = texts.crisis.helplines as Record<string, string>;
  const kinds = new Set(flags.map((flag) => (flag.helpline && flag.helpline in helplines ? flag.helpline : 'emergency')));
  kinds.add('emergency');
  return Object.keys(helplines).filter((kind) => kinds.has(kind)).map((kind) => helplines[kind]);
}

import { z } from 'zod';
import raw from '../../locales/nl/talents.json';
import { fold } from '../triage/normalize';

const worded = z.object({ id: z.string().min(1), label: z.string().min(1), words: z.array(z.string().min(1)).min(1) });

const vocabularySchema = z.object({
  talents: z.array(worded.extend({ reason: z.string().min(1), homeVisit: z.boolean() })).min(1),
  languages: z.array(worded).min(1),
  days: z.array(worded).length(7),
  dayGroups: z.array(z.object({ words: z.array(z.string().min(1)), days: z.array(z.string()) })),
  dayParts: z.array(worded).min(1),
  allDayWords: z.array(z.string().min(1)),
});
export type Vocabulary = z.infer<typeof vocabularySchema>;
export type Talent = Vocabulary['talents'][number];

/** The editable list in locales/nl/talents.json, checked once at start-up so a typo there fails loudly. */
export const vocabulary: Vocabulary = vocabularySchema.parse(raw);

/** Lower case, no accents, words separated by single spaces and padded, so a phrase is found as whole words. */
function wordsOf(text: string): string {
  return ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

function mentions(folded: string, phrase: string): boolean {
  return folded.includes(wordsOf(phrase));
}

function idsNamed<T extends { id: string; words: string[]; label: string }>(text: string, list: T[]): string[] {
  const folded = wordsOf(text);
  return list.filter((entry) => [entry.label, ...entry.words].some((word) => mentions(folded, word))).map((entry) => entry.id);
}

/** The talents a text names ("ik kook graag en help met brieven" → koken, formulieren), in list order. */
export function talentsIn(text: string): string[] {
  return idsNamed(text, vocabulary.talents);
}

export function languagesIn(text: string): string[] {
  return idsNamed(text, vocabulary.languages);
}

/** Days named one by one or as a group ("doordeweeks", "weekend"), in week order. */
export function daysIn(text: string): string[] {
  const folded = wordsOf(text);
  const named = new Set(idsNamed(text, vocabulary.days));
  for (const group of vocabulary.dayGroups) if (group.words.some((word) => mentions(folded, word))) group.days.forEach((day) => named.add(day));
  return vocabulary.days.map((day) => day.id).filter((day) => named.has(day));
}

export function dayPartsIn(text: string): string[] {
  const folded = wordsOf(text);
  if (vocabulary.allDayWords.some((word) => mentions(folded, word))) return vocabulary.dayParts.map((part) => part.id);
  return idsNamed(text, vocabulary.dayParts);
}

export function talentById(id: string): Talent | undefined {
  return vocabulary.talents.find((talent) => talent.id === id);
}

export function labelsOf(ids: string[], list: Array<{ id: string; label: string }>): string[] {
  return ids.map((id) => list.find((entry) => entry.id === id)?.label ?? id);
}

/** Dutch list: "a", "a en b", "a, b en c". */
export function joinDutch(items: string[], and = 'en'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

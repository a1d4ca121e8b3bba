import * as chrono from 'chrono-node';
import { z } from 'zod';
import table from '../../locales/nl/timePhrases.json';

/** Since when and how often, in the reporter's words and as far as they can be read as time. */
export const whenSchema = z.object({
  text: z.string(),
  /** The moment it happened, or the start of what is still going on (ISO). */
  start: z.string().optional(),
  /** The start is a rough reading ("al maanden"), not a date the reporter gave. */
  approximate: z.boolean().optional(),
  /** It is still going on: "sinds", "al", or a frequency. */
  ongoing: z.boolean().optional(),
  frequency: z.string().optional(),
  /** A time of day without a date ("elke nacht rond 3 uur"), Amsterdam time, HH:MM. */
  timeOfDay: z.string().optional(),
});
export type When = z.infer<typeof whenSchema>;

const tableSchema = z.object({
  rewrites: z.array(z.object({ from: z.string(), to: z.string() })),
  frequencies: z.array(z.object({ frequency: z.string(), words: z.array(z.string()).min(1) })),
  durations: z.array(z.object({ words: z.array(z.string()).min(1), days: z.number().int().positive() })),
});
const phrases = tableSchema.parse(table);
const rewrites = phrases.rewrites.map(({ from, to }) => ({ from: new RegExp(from, 'gu'), to }));
const ONGOING = /\b(sinds|vanaf|al sinds|nog steeds|nog altijd)\b/u;
const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads "sinds vorige week", "elke nacht rond 3 uur", "gisteravond" or "al maanden" against `now`,
 * in Amsterdam time whatever the server's zone. chrono-node reads dates and times; the table in
 * locales/nl/timePhrases.json fills what it does not read (how often, "al maanden", "gisteravond").
 */
export function readWhen(text: string, now: Date): When {
  const lower = ` ${text.normalize('NFC').toLowerCase().replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim()} `;
  const when: When = { text: text.trim() };
  const frequency = phrases.frequencies.find((entry) => entry.words.some((words) => contains(lower, words)));
  if (frequency) when.frequency = frequency.frequency;
  const duration = phrases.durations.find((entry) => entry.words.some((words) => contains(lower, words)));
  // The frequency's own words ("elke avond") are no date: chrono would read them as this evening.
  const withoutFrequency = frequency ? frequency.words.reduce((value, words) => value.split(words.toLowerCase()).join(' '), lower) : lower;
  const rewritten = rewrites.reduce((value, { from, to }) => value.replace(from, to), withoutFrequency);
  const [parsed] = chrono.nl.parse(rewritten, { instant: now, timezone: amsterdamOffsetMinutes(now) });
  if (parsed?.start.isCertain('day') || (parsed && !parsed.start.isCertain('hour'))) {
    when.start = parsed.start.date().toISOString();
  } else if (parsed) {
    when.timeOfDay = `${String(parsed.start.get('hour')).padStart(2, '0')}:${String(parsed.start.get('minute') ?? 0).padStart(2, '0')}`;
  }
  if (!when.start && duration) {
    when.start = new Date(now.getTime() - duration.days * DAY_MS).toISOString();
    when.approximate = true;
  }
  if (frequency || duration || ONGOING.test(lower)) when.ongoing = true;
  return when;
}

function contains(lower: string, words: string): boolean {
  const wanted = words.toLowerCase();
  const at = lower.indexOf(wanted);
  if (at < 0) return false;
  // Whole words only: "soms" is not in "somsomething", "een keer" not in "geen keer".
  const before = lower[at - 1] ?? ' ';
  const after = lower[at + wanted.length] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}

/** Amsterdam's offset from UTC at that moment (60 in winter, 120 in summer), from Intl, not the machine's zone. */
export function amsterdamOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60000) * 60000) / 60000);
}

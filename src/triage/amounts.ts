import { recognizeCurrency, recognizeNumber } from '@microsoft/recognizers-text-suite';

const CULTURE = 'nl-nl';
// Dutch writes thousands with a dot ("€4.000"), which the nl-nl models read as a decimal point (4).
const THOUSANDS_DOT = /(\d)\.(?=\d{3}(?!\d))/g;
const MONTH_WORD = /^\s*(maand|maanden|mnd|months?)\b/i;
const EURO_UNIT = /€|eur/i;
// A unit, a "k" or a month word stands within a word or two of its digits; every word more costs recognizer time.
const WORDS_AROUND = 3;
const THOUSANDS_K = /\d\s?k(?![a-z])/i;
const MONTH_CUE = /maand|mnd|month/i;
// "af in 6 maanden", "binnen 2 maanden", "elke 3 maanden": a term ahead or a rhythm, not how long something has been behind.
const TERM_BEFORE = /\b(in|binnen|over|per|elke|iedere|om de|within|every)\s+$/i;
// A sentence ends at ".", "!" or "?" followed by a space, or at a line break; "4.000" and "4.50" stay whole.
const SENTENCE = /[^\n]+?(?:[.!?]+(?=\s)|$)|[^\n]+/gm;
// A bare number counts as euros only this close (in characters, about six words) to the words of the signal itself.
const BARE_REACH = 40;
const SENTENCE_END = /[.!?]+\s|\n/g;
// "sinds 2019", "in 2023": a bare four-digit number in these centuries is read as a year, not an amount.
const YEAR = /^(19|20)\d\d$/;
// A number that labels something (a postcode, a house or phone number) is no amount.
const LABEL_BEFORE = /(postcode|huisnummer|nummer|nr|tel|telefoon|kenmerk|dossier|bsn)\W*$/i;

/** An amount or a duration in a message, with where it stands (for evidence). */
export interface Quantity {
  value: number;
  start: number;
  end: number;
}

/**
 * Euro amounts (currency, and "5k") and numbers of months ("3 maanden") in a message, by
 * @microsoft/recognizers-text-suite, whose Dutch currency and digit numbers work; its Dutch number
 * words and durations do not, so months are a recognised number followed by a month word.
 */
export function quantities(text: string): { euros: Quantity[]; months: Quantity[] } {
  const found = { euros: [] as Quantity[], months: [] as Quantity[] };
  // The recognizers' cost grows faster than the text (they clean the whole input for every candidate),
  // and an amount is written in a few words around its digits: only those stretches are read.
  for (const [from, to] of stretchesAroundDigits(text)) {
    const stretch = text.slice(from, to);
    // Only a euro unit, a "k" after a number or a month word can give a quantity: without any, the recognizers would find none.
    if (!EURO_UNIT.test(stretch) && !THOUSANDS_K.test(stretch) && !MONTH_CUE.test(stretch)) continue;
    const shift = (q: Quantity): Quantity => ({ ...q, start: q.start + from, end: q.end + from });
    const inStretch = quantitiesIn(stretch);
    found.euros.push(...inStretch.euros.map(shift));
    found.months.push(...inStretch.months.map(shift));
  }
  return found;
}

/**
 * [start, end) of the words around each run of digits (WORDS_AROUND either side, never across a
 * sentence end), overlapping stretches joined. Without a digit there is nothing to find ("duizend
 * euro" resolves to 0).
 */
function stretchesAroundDigits(text: string): [number, number][] {
  const stretches: [number, number][] = [];
  for (const sentence of text.matchAll(SENTENCE)) {
    const words = [...sentence[0].matchAll(/\S+/g)];
    words.forEach((word, i) => {
      if (!/\d/.test(word[0])) return;
      const first = words[Math.max(0, i - WORDS_AROUND)];
      const last = words[Math.min(words.length - 1, i + WORDS_AROUND)];
      const from = sentence.index + first.index;
      const to = sentence.index + last.index + last[0].length;
      const previous = stretches[stretches.length - 1];
      if (previous && from <= previous[1] + 1) previous[1] = Math.max(previous[1], to);
      else stretches.push([from, to]);
    });
  }
  return stretches;
}

function quantitiesIn(text: string): { euros: Quantity[]; months: Quantity[] } {
  const { plain, numbers, at, original } = readNumbers(text);
  // The currency recognizer is the costliest step. It resolves to EUR only a unit written "€", "eur", "euro" or
  // "euros" (as written, or lowercased, and no other letter lowercases to e, u or r): without one, it finds no euro.
  const euros = (EURO_UNIT.test(plain) ? recognizeCurrency(plain, CULTURE) : [])
    .filter((r) => r.resolution?.isoCurrency === 'EUR' && Number.isFinite(Number(r.resolution.value)))
    .map((r) => at(r.start, r.end, Number(r.resolution.value)));
  for (const r of numbers) {
    if (/k$/i.test(r.text) && !euros.some((e) => e.start <= original(r.start) && original(r.start) < e.end)) euros.push(at(r.start, r.end, Number(r.resolution.value)));
  }
  const months = numbers.flatMap((r) => {
    const word = MONTH_WORD.exec(plain.slice(r.end + 1));
    return word && !TERM_BEFORE.test(plain.slice(0, r.start)) ? [at(r.start, r.end + word[0].length, Number(r.resolution.value))] : [];
  });
  return { euros, months };
}

/** The numbers the recognizer reads in `text`, with a way back from its positions to the text as written. */
function readNumbers(text: string) {
  // Removing a dot keeps every later offset one short; positions map back through this table.
  const removed: number[] = [];
  const plain = text.replace(THOUSANDS_DOT, (_whole, digit: string, offset: number) => {
    removed.push(offset + 1);
    return digit;
  });
  const original = (index: number) => index + removed.filter((at) => at - removed.indexOf(at) <= index).length;
  const at = (start: number, end: number, value: number): Quantity => ({ value, start: original(start), end: original(end) + 1 });
  const numbers = recognizeNumber(plain, CULTURE).filter((r) => Number.isFinite(Number(r.resolution?.value)));
  return { plain, numbers, at, original };
}

/**
 * Numbers written without a unit right beside a money signal ("schulden ongeveer 3000", "2500 achter
 * met de huur"), read as euros: people leave the unit out when the sentence is already about money.
 * Only within BARE_REACH characters of the signal's words, never a year, never a labelled number, and
 * never one of `counted` (the message's euro amounts and months, already read by `quantities`).
 */
export function bareEurosNear(text: string, start: number, end: number, counted: Quantity[]): Quantity[] {
  let from = Math.max(0, start - BARE_REACH);
  let to = Math.min(text.length, end + BARE_REACH);
  // Never across a sentence end: "postcode 3025. ik heb een schuld" names no amount of that debt.
  for (const m of text.slice(from, to).matchAll(SENTENCE_END)) {
    const at = from + (m.index ?? 0);
    if (at < start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  const stretch = text.slice(from, to);
  if (!/\d/.test(stretch)) return [];
  const { numbers, at } = readNumbers(stretch);
  return numbers
    .filter((r) => /^\d+$/.test(r.text) && !YEAR.test(r.text))
    .map((r) => at(r.start, r.end, Number(r.resolution.value)))
    .filter((q) => !LABEL_BEFORE.test(stretch.slice(0, q.start)))
    .map((q) => ({ ...q, start: q.start + from, end: q.end + from }))
    .filter((q) => !counted.some((c) => c.start <= q.start && q.start < c.end));
}

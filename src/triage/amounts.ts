import { recognizeCurrency, recognizeNumber } from '@microsoft/recognizers-text-suite';

const CULTURE = 'nl-nl';
// Dutch writes thousands with a dot ("€4.000"), which the nl-nl models read as a decimal point (4).
const THOUSANDS_DOT = /(\d)\.(?=\d{3}(?!\d))/g;
const MONTH_WORD = /^\s*(maand|maanden|mnd|months?)\b/i;
const EURO_UNIT = /€|eur/i;

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
  // Without a digit there is nothing to find ("duizend euro" resolves to 0), and the recognizers are
  // the costliest step of a decision: skip them.
  if (!/\d/.test(text)) return { euros: [], months: [] };
  // Removing a dot keeps every later offset one short; positions map back through this table.
  const removed: number[] = [];
  const plain = text.replace(THOUSANDS_DOT, (_whole, digit: string, offset: number) => {
    removed.push(offset + 1);
    return digit;
  });
  const original = (index: number) => index + removed.filter((at) => at - removed.indexOf(at) <= index).length;
  const at = (start: number, end: number, value: number): Quantity => ({ value, start: original(start), end: original(end) + 1 });

  // The currency recognizer is the costliest step. It resolves to EUR only a unit written "€", "eur", "euro" or
  // "euros" (as written, or lowercased, and no other letter lowercases to e, u or r): without one, it finds no euro.
  const euros = (EURO_UNIT.test(plain) ? recognizeCurrency(plain, CULTURE) : [])
    .filter((r) => r.resolution?.isoCurrency === 'EUR' && Number.isFinite(Number(r.resolution.value)))
    .map((r) => at(r.start, r.end, Number(r.resolution.value)));
  const numbers = recognizeNumber(plain, CULTURE).filter((r) => Number.isFinite(Number(r.resolution?.value)));
  for (const r of numbers) {
    if (/k$/i.test(r.text) && !euros.some((e) => e.start <= original(r.start) && original(r.start) < e.end)) euros.push(at(r.start, r.end, Number(r.resolution.value)));
  }
  const months = numbers.flatMap((r) => {
    const word = MONTH_WORD.exec(plain.slice(r.end + 1));
    return word ? [at(r.start, r.end + word[0].length, Number(r.resolution.value))] : [];
  });
  return { euros, months };
}

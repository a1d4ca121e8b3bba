import type { Token } from '../normalize';

/** Words that turn the next few words of the same clause around ("geen schulden", "niet meer eenzaam"). */
const NEGATORS = new Set(['geen', 'niet', 'niets', 'niks', 'nooit', 'no', 'not', 'never', 'dont', 'nothing']);
const NEGATION_REACH = 3;

/** One feature of a message and the stretch of the resident's text it came from (for evidence). */
export interface Feature {
  name: string;
  start: number;
  end: number;
}

/** Where the features of a message go, in text order. */
export interface FeatureSink {
  feature(name: string, start: number, end: number): void;
  /** The features `letterGrams(norm)` of one word: handed over as the word, so a reader can memoise per word. */
  letterGrams(norm: string, start: number, end: number): void;
}

/** The letter 4-gram features of a word. */
export function letterGrams(norm: string): string[] {
  const padded = `<${norm}>`;
  const grams: string[] = [];
  if (padded.length > 5) for (let k = 0; k + 4 <= padded.length; k++) grams.push(`c:${padded.slice(k, k + 4)}`);
  return grams;
}

/**
 * What the model reads of a message, in text order: stems (marked when negated in their clause),
 * pairs of neighbouring stems, and letter 4-grams of each word, so a typo or an unseen compound
 * ("huurschuld", "deurwaader") still shares most of its features with the words it resembles.
 * `tokens`: the message tokenised by the rules' normaliser.
 */
export function eachFeature(tokens: readonly Token[], sink: FeatureSink): void {
  const words = tokens.filter((token) => !token.filler);
  let negatedUntil = -1;
  let clause = -1;
  for (let i = 0; i < words.length; i++) {
    const token = words[i];
    if (token.clause !== clause) {
      clause = token.clause;
      negatedUntil = -1;
    }
    if (NEGATORS.has(token.norm)) {
      negatedUntil = i + NEGATION_REACH;
      sink.feature(`w:${token.norm}`, token.start, token.end);
      continue;
    }
    sink.feature(`${i <= negatedUntil ? 'n:' : 'w:'}${token.stem}`, token.start, token.end);
    const next = words[i + 1];
    if (next && next.clause === token.clause) sink.feature(`b:${token.stem}_${next.stem}`, token.start, next.end);
    sink.letterGrams(token.norm, token.start, token.end);
  }
}

/** The features of a message as a list (training). */
export function features(tokens: readonly Token[]): Feature[] {
  const out: Feature[] = [];
  const feature = (name: string, start: number, end: number) => out.push({ name, start, end });
  eachFeature(tokens, { feature, letterGrams: (norm, start, end) => letterGrams(norm).forEach((name) => feature(name, start, end)) });
  return out;
}

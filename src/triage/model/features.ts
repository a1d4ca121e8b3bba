import type { Normalizer, Token } from '../normalize';

/** Words that turn the next few words of the same clause around ("geen schulden", "niet meer eenzaam"). */
const NEGATORS = new Set(['geen', 'niet', 'niets', 'niks', 'nooit', 'no', 'not', 'never', 'dont', 'nothing']);
const NEGATION_REACH = 3;

/** One feature of a message and the stretch of the resident's text it came from (for evidence). */
export interface Feature {
  name: string;
  start: number;
  end: number;
}

/**
 * What the model reads of a message: stems (marked when negated in their clause), pairs of
 * neighbouring stems, and letter 4-grams of each word, so a typo or an unseen compound
 * ("huurschuld", "deurwaader") still shares most of its features with the words it resembles.
 */
export function features(normalizer: Normalizer, text: string): Feature[] {
  const tokens = normalizer.tokenize(text).filter((token) => !token.filler);
  const out: Feature[] = [];
  let negatedUntil = -1;
  let clause = -1;
  tokens.forEach((token, i) => {
    if (token.clause !== clause) {
      clause = token.clause;
      negatedUntil = -1;
    }
    if (NEGATORS.has(token.norm)) {
      negatedUntil = i + NEGATION_REACH;
      out.push(at(`w:${token.norm}`, token));
      return;
    }
    const prefix = i <= negatedUntil ? 'n:' : 'w:';
    out.push(at(`${prefix}${token.stem}`, token));
    const next = tokens[i + 1];
    if (next && next.clause === token.clause) out.push({ name: `b:${token.stem}_${next.stem}`, start: token.start, end: next.end });
    const padded = `<${token.norm}>`;
    if (padded.length > 5) for (let k = 0; k + 4 <= padded.length; k++) out.push(at(`c:${padded.slice(k, k + 4)}`, token));
  });
  return out;
}

function at(name: string, token: Token): Feature {
  return { name, start: token.start, end: token.end };
}

import { StemmerNl } from '@nlpjs/lang-nl';
import { WordMemo } from './memo';

/**
 * One word of a message after folding. A token produced by a replacement that yields
 * several words ("snachts" -> "s nachts") keeps the offsets of the word as written,
 * so evidence is always sliced from the resident's own text.
 */
export interface Token {
  norm: string;
  stem: string;
  start: number;
  end: number;
  sentence: number;
  /** Stretch between punctuation marks; the parts of an "a + b" trigger must share one. */
  segment: number;
  /** Segment further split at words such as "maar" and "en"; the scope of negation. */
  clause: number;
  /** Words like "hoor", "echt", "wollah" that do not count toward gaps and windows. */
  filler: boolean;
}

export interface NormalizeConfig {
  replace: Record<string, string>;
  clauseBreakers: string[];
  fillers: string[];
}

// Words (an emoji is one), then sentence ends, then clause marks. Hyphens and spaces separate words. Brackets
// separate nothing: an aside such as "(5 en 7)" belongs to the clause around it.
const SCAN = /([\p{L}\p{M}\p{N}]+(?:['’`][\p{L}\p{M}\p{N}]+)*|\p{Extended_Pictographic}\uFE0F?)|([.!?…\n\r]+)|([,;:/"“”&]+)/gu;
const PICTOGRAPH = /^\p{Extended_Pictographic}/u;
const QUOTE_CLOSE = /['"”’]/;

/** Lowercase, strip accents and apostrophes, squeeze stretched letters ("heeeel" -> "heel"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/['’`]/g, '')
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
}

const MAX_CACHE = 50_000;

/** What a written word becomes: one or more normalised words (a replacement may give several). */
interface WordForm {
  norm: string;
  stem: string;
  filler: boolean;
  breaker: boolean;
}

export class Normalizer {
  private readonly replace = new Map<string, string[]>();
  private readonly breakers: Set<string>;
  private readonly fillers: Set<string>;
  private readonly stemmer = new StemmerNl();
  private readonly stems = new WordMemo(MAX_CACHE, (norm) => (/^\p{N}+$/u.test(norm) ? norm : this.stemmer.stemWord(norm)));
  // Folding, replacing and stemming every word of every message was a large share of a decision.
  private readonly forms = new WordMemo(MAX_CACHE, (written): WordForm[] =>
    this.normalised(fold(written)).map((norm) => ({ norm, stem: this.stem(norm), filler: this.fillers.has(norm), breaker: this.breakers.has(norm) })),
  );

  constructor(config: NormalizeConfig) {
    for (const [from, to] of Object.entries(config.replace)) {
      this.replace.set(fold(from), to.split(/\s+/).map(fold).filter(Boolean));
    }
    this.breakers = new Set(config.clauseBreakers.map((w) => this.words(w)).flat());
    this.fillers = new Set(config.fillers.map((w) => this.words(w)).flat());
  }

  /** Folded, normalised words of a rule-file word (may be more than one after replacement). */
  words(text: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(SCAN)) {
      if (!m[1]) continue;
      out.push(...this.normalised(fold(m[1])));
    }
    return out;
  }

  // An emoji counts only where the rule file gives it words ("😂" → "haha"); others separate words as before.
  private normalised(folded: string): string[] {
    return this.replace.get(folded) ?? (PICTOGRAPH.test(folded) ? [] : [folded]);
  }

  stem(norm: string): string {
    return this.stems.get(norm);
  }

  isFiller(norm: string): boolean {
    return this.fillers.has(norm);
  }

  tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let sentence = 0;
    let segment = 0;
    let clause = 0;
    let sentenceOpen = false;
    let segmentOpen = false;
    let clauseOpen = false;
    for (const m of text.matchAll(SCAN)) {
      // "roept 'ik vermoord je!' als hij verliest": a mark that closes a quote belongs to the quote, not to the sentence.
      const closesQuote = m[2] !== undefined && !/[\n\r]/.test(m[2]) && QUOTE_CLOSE.test(text.charAt((m.index ?? 0) + m[2].length));
      if (closesQuote) continue;
      if (m[2] !== undefined) {
        if (sentenceOpen) sentence++;
        if (segmentOpen) segment++;
        if (clauseOpen) clause++;
        sentenceOpen = segmentOpen = clauseOpen = false;
        continue;
      }
      if (m[3] !== undefined) {
        if (segmentOpen) segment++;
        if (clauseOpen) clause++;
        segmentOpen = clauseOpen = false;
        continue;
      }
      const start = m.index ?? 0;
      const end = start + m[1].length;
      for (const { norm, stem, filler, breaker } of this.forms.get(m[1])) {
        if (breaker && clauseOpen) clause++;
        tokens.push({ norm, stem, start, end, sentence, segment, clause, filler });
        sentenceOpen = segmentOpen = clauseOpen = true;
      }
    }
    return tokens;
  }
}

import { StemmerNl } from '@nlpjs/lang-nl';

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

// Words (an emoji is one), then sentence ends, then clause marks. Hyphens and spaces separate words.
const SCAN = /([\p{L}\p{M}\p{N}]+(?:['’`][\p{L}\p{M}\p{N}]+)*|\p{Extended_Pictographic}\uFE0F?)|([.!?…\n\r]+)|([,;:()/"“”&]+)/gu;
const PICTOGRAPH = /^\p{Extended_Pictographic}/u;

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

export class Normalizer {
  private readonly replace = new Map<string, string[]>();
  private readonly breakers: Set<string>;
  private readonly fillers: Set<string>;
  private readonly stemmer = new StemmerNl();
  private readonly stems = new Map<string, string>();

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
    let s = this.stems.get(norm);
    if (s === undefined) {
      s = /^\p{N}+$/u.test(norm) ? norm : this.stemmer.stemWord(norm);
      if (this.stems.size >= MAX_CACHE) this.stems.clear();
      this.stems.set(norm, s);
    }
    return s;
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
      for (const norm of this.normalised(fold(m[1]))) {
        if (this.breakers.has(norm) && clauseOpen) clause++;
        tokens.push({ norm, stem: this.stem(norm), start, end, sentence, segment, clause, filler: this.fillers.has(norm) });
        sentenceOpen = segmentOpen = clauseOpen = true;
      }
    }
    return tokens;
  }
}

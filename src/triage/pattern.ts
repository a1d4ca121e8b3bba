/**
 * Syntax of the trigger patterns in signals.yaml. Kept apart from the matcher so the
 * rule-file validation can reject a bad pattern with a message that names it, before
 * anything is compiled.
 *
 *   word        same word after folding, normalisation and stemming (typos on long words too)
 *   =word       exactly this folded form: no stemming, no typo tolerance
 *   word*       a word that begins with this
 *   *word       a word that ends with this (compound words)
 *   a|b|c       any of these at this position
 *   {class}     any member of a word class from the rule file
 *   $           (last position only) the phrase must close its clause
 *   x y / z     either phrase (alternatives of several words)
 *   x y + z     both parts anywhere in the same sentence, in any order ("/" binds tighter)
 */

export type AtomAst =
  | { kind: 'word' | 'exact' | 'prefix' | 'suffix'; text: string }
  | { kind: 'class'; name: string };

export interface PhraseAst {
  positions: AtomAst[][];
  /** "^ dood": the phrase opens its clause (a one-word answer such as "dood"). */
  anchorStart: boolean;
  anchorEnd: boolean;
}

export interface TriggerAst {
  /** Every part must hold; a part holds when any of its alternative phrases does. */
  parts: PhraseAst[][];
}

export class PatternError extends Error {}

const WORD = /^[\p{L}\p{N}'’]+$/u;
const CLASS = /^\{([\p{L}\p{N}_-]+)\}$/u;

function parseAtom(raw: string, source: string): AtomAst {
  const cls = CLASS.exec(raw);
  if (cls) return { kind: 'class', name: cls[1] };
  let kind: AtomAst['kind'] = 'word';
  let text = raw;
  if (text.startsWith('=')) {
    kind = 'exact';
    text = text.slice(1);
  } else if (text.startsWith('*') && text.endsWith('*')) {
    throw new PatternError(`"${raw}" in "${source}": use either word* or *word, not both`);
  } else if (text.endsWith('*')) {
    kind = 'prefix';
    text = text.slice(0, -1);
  } else if (text.startsWith('*')) {
    kind = 'suffix';
    text = text.slice(1);
  }
  if (!WORD.test(text)) {
    throw new PatternError(
      `"${raw}" in "${source}": a word may only hold letters, digits and apostrophes (split "-" into two words)`,
    );
  }
  if ((kind === 'prefix' || kind === 'suffix') && text.length < 3) {
    throw new PatternError(`"${raw}" in "${source}": word* and *word need at least 3 letters`);
  }
  return { kind, text };
}

function parsePhrase(src: string, source: string): PhraseAst {
  const words = src.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new PatternError(`empty phrase in "${source}"`);
  let anchorStart = false;
  let anchorEnd = false;
  if (words[0] === '^') {
    anchorStart = true;
    words.shift();
  }
  if (words[words.length - 1] === '$') {
    anchorEnd = true;
    words.pop();
  }
  if (words.length === 0) throw new PatternError(`"${source}": "^" and "$" need a word beside them`);
  const positions = words.map((w) => {
    if (w === '$') throw new PatternError(`"${source}": "$" may only close a phrase`);
    if (w === '^') throw new PatternError(`"${source}": "^" may only open a phrase`);
    const alts = w.split('|');
    if (alts.some((a) => a === '')) throw new PatternError(`"${source}": empty alternative in "${w}"`);
    return alts.map((a) => parseAtom(a, source));
  });
  return { positions, anchorStart, anchorEnd };
}

export function parseTrigger(src: string): TriggerAst {
  const parts = src.split(/\s\+\s/);
  if (parts.some((p) => p.trim() === '')) throw new PatternError(`"${src}": empty part around "+"`);
  return {
    parts: parts.map((p) => {
      const alts = p.split(/\s\/\s/);
      if (alts.some((a) => a.trim() === '')) throw new PatternError(`"${src}": empty alternative around "/"`);
      return alts.map((a) => parsePhrase(a, src));
    }),
  };
}

export function classNames(ast: TriggerAst): string[] {
  const names: string[] = [];
  for (const part of ast.parts)
    for (const phrase of part)
      for (const pos of phrase.positions) for (const atom of pos) if (atom.kind === 'class') names.push(atom.name);
  return names;
}

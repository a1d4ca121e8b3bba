import { distance } from 'fastest-levenshtein';
import { WordMemo } from './memo';
import { Normalizer, Token, fold } from './normalize';
import { AtomAst, PhraseAst, parseTrigger } from './pattern';
import { Rules, Severity, SignalRule } from './rules';

/**
 * Compiles the rule file once into spec/phrase tables so a message is scanned with map
 * look-ups per word instead of trying every pattern at every position.
 */

interface Atom {
  kind: 'word' | 'exact' | 'prefix' | 'suffix';
  norm: string;
  stem: string;
}

interface Phrase {
  specs: number[];
  gap: number;
  anchorStart: boolean;
  anchorEnd: boolean;
}

/** A trigger: every part must hold; a part is a list of alternative phrase ids. */
type Trigger = number[][];

interface CompiledSignal {
  rule: SignalRule;
  triggers: Trigger[];
  /** The line in the rule file each trigger comes from: a line may list several ways to say one thing. */
  lineOf: number[];
  exclude: Trigger[];
}

interface CompiledSuppressor {
  scope: 'clause' | 'sentence' | 'message';
  severities: Set<Severity>;
  ask: boolean;
  except: Set<string>;
  model: boolean;
  triggers: Trigger[];
}

/** A signal found in one message: token offsets already mapped to the original text. */
export interface Hit {
  rule: SignalRule;
  start: number;
  end: number;
  /** Held back by a suppressor that asks: not a signal, a reason to ask about danger. */
  asked?: true;
  /**
   * For a signal with `distinct`: the trigger lines this message holds, when they are too few on their
   * own ("een boete van het CJIB", and in the next answer "een incassobureau"); the decision adds them up.
   */
  partial?: number[];
}

const NEG_BEFORE = 1;
const NEG_AFTER = 2;
const RESOLVE = 4;
const PAST = 8;
const PRESENT = 16;
const NOT_NEG = 32;
const HYPOTHETICAL = 64;
const CONTRAST = 128;
const LONG_AGO = 256;
const NOT_RECENT = 512;
const AGAIN = 1024;
const POINTS_BACK = 2048;
const WELL_NOW = 4096;
// A clause this short between a list's head and one of its items is another item ("beslag, deurwaarders, ...").
const MAX_LIST_ITEM_WORDS = 3;

const MAX_CACHE = 50_000;

interface FuzzyEntry {
  norm: string;
  stem: string;
  spec: number;
}

interface Scan {
  tokens: Token[];
  specs: Set<number>[];
  matches: Map<number, number[][]>;
  flags: Uint16Array;
  clauseStart: number[];
  clauseEnd: number[];
  /** Whether the resident's next message opens on "it goes well now" (read only when asked). */
  nextOpensWell: () => boolean;
}

export class Matcher {
  readonly normalizer: Normalizer;
  private readonly specKeys = new Map<string, number>();
  private readonly specs: Atom[][] = [];
  private readonly phraseKeys = new Map<string, number>();
  private readonly phrases: Phrase[] = [];
  private readonly byFirstSpec = new Map<number, number[]>();
  private readonly byNorm = new Map<string, number[]>();
  private readonly byStem = new Map<string, number[]>();
  private readonly prefixes: { value: string; spec: number }[] = [];
  private readonly suffixes: { value: string; spec: number }[] = [];
  private readonly fuzzy = new Map<string, FuzzyEntry[]>();
  private readonly protect: Set<string>;
  private readonly joiners: Set<string>;
  private readonly cueRoles = new Map<number, number>();
  private readonly signals: CompiledSignal[];
  /** Phrase -> the signals with a trigger that uses it: a message that matches none of a signal's phrases cannot hold it. */
  private readonly signalsOfPhrase = new Map<number, number[]>();
  private readonly suppressors: CompiledSuppressor[];
  private readonly tokenSpecs = new WordMemo(MAX_CACHE, (norm) => this.specsOf(norm));
  private readonly classes = new Map<string, Atom[]>();

  /** `normalizer`: one already built from the same `normalize` and `matching.fillers` sections, to share its tokens. */
  constructor(
    private readonly rules: Rules,
    normalizer?: Normalizer,
  ) {
    this.normalizer =
      normalizer ??
      new Normalizer({
        replace: rules.normalize.replace,
        clauseBreakers: rules.normalize.clauseBreakers,
        fillers: rules.matching.fillers,
      });
    this.protect = new Set(rules.matching.fuzzy.protect.map(fold));
    this.joiners = new Set(rules.matching.listJoiners.flatMap((w) => this.normalizer.tokenize(w).map((t) => t.norm)));
    for (const [name, members] of Object.entries(rules.classes)) {
      const atoms: Atom[] = [];
      for (const member of members) {
        const phrase = parseTrigger(member).parts[0][0];
        const expanded = this.expandPositions(phrase, member);
        if (expanded.length !== 1) throw new Error(`class {${name}}: "${member}" must stay one word after normalisation`);
        atoms.push(...expanded[0]);
      }
      this.classes.set(name, atoms);
    }
    const cue = (list: string[], role: number) => {
      for (const p of list)
        for (const alts of this.compileTrigger(p, 0))
          for (const pid of alts) this.cueRoles.set(pid, (this.cueRoles.get(pid) ?? 0) | role);
    };
    cue(rules.negation.before, NEG_BEFORE);
    cue(rules.negation.after, NEG_AFTER);
    cue(rules.negation.notNegation, NOT_NEG);
    cue(rules.resolution, RESOLVE);
    cue(rules.time.past, PAST);
    cue(rules.time.longAgo, LONG_AGO);
    cue(rules.time.notRecent, NOT_RECENT);
    cue(rules.time.pointsBack, POINTS_BACK);
    cue(rules.time.wellNow, WELL_NOW);
    cue(rules.time.hypothetical, HYPOTHETICAL);
    cue(rules.resolutionAfter, CONTRAST);
    cue(rules.time.present, PRESENT);
    cue(rules.time.again, AGAIN);
    const maxGap = rules.matching.maxGap;
    this.signals = rules.signals.map((rule) => {
      const lines = rule.triggers.map((t) =>
        typeof t === 'string' ? [this.compileTrigger(t, rule.gap ?? maxGap)] : Array.isArray(t) ? t.map((p) => this.compileTrigger(p, rule.gap ?? maxGap)) : [this.compileTrigger(t.phrase, t.gap)],
      );
      return { rule, triggers: lines.flat(), lineOf: lines.flatMap((line, i) => line.map(() => i)), exclude: rule.exclude.map((p) => this.compileTrigger(p, maxGap)) };
    });
    this.signals.forEach((signal, i) => {
      for (const pid of new Set(signal.triggers.flat(2))) {
        const list = this.signalsOfPhrase.get(pid);
        if (list) list.push(i);
        else this.signalsOfPhrase.set(pid, [i]);
      }
    });
    this.suppressors = rules.suppressors.map((s) => ({
      scope: s.scope,
      severities: new Set(s.severities),
      ask: s.ask,
      except: new Set(s.except),
      model: s.model,
      triggers: s.triggers.map((t) =>
        typeof t === 'string' ? this.compileTrigger(t, maxGap) : this.compileTrigger(t.phrase, t.gap),
      ),
    }));
  }

  // ---------- compilation ----------

  private atomsOf(ast: AtomAst, source: string): Atom[][] {
    if (ast.kind === 'class') {
      const atoms = this.classes.get(ast.name);
      if (!atoms) throw new Error(`"${source}": unknown class {${ast.name}}`);
      return [atoms];
    }
    if (ast.kind === 'prefix' || ast.kind === 'suffix') {
      const norm = fold(ast.text);
      return [[{ kind: ast.kind, norm, stem: norm }]];
    }
    // A replacement may turn one written word into several ("snachts" -> "s nachts").
    const words = this.normalizer.words(ast.text);
    if (words.length === 0) throw new Error(`"${source}": "${ast.text}" is empty after normalisation`);
    return words.map((w) => [{ kind: ast.kind, norm: w, stem: ast.kind === 'exact' ? w : this.normalizer.stem(w) }]);
  }

  private expandPositions(phrase: PhraseAst, source: string): Atom[][] {
    const out: Atom[][] = [];
    for (const position of phrase.positions) {
      const perAlt = position.map((a) => this.atomsOf(a, source));
      const multi = perAlt.find((x) => x.length > 1);
      if (multi && perAlt.length > 1)
        throw new Error(`"${source}": an alternative that normalises to several words must stand alone`);
      if (multi) out.push(...multi);
      else out.push(perAlt.flatMap((x) => x[0]));
    }
    return out;
  }

  private specId(atoms: Atom[]): number {
    const key = atoms
      .map((a) => `${a.kind}:${a.norm}`)
      .sort()
      .join('|');
    let id = this.specKeys.get(key);
    if (id !== undefined) return id;
    id = this.specs.length;
    this.specs.push(atoms);
    this.specKeys.set(key, id);
    const push = (map: Map<string, number[]>, k: string) => {
      const list = map.get(k);
      if (list) list.push(id!);
      else map.set(k, [id!]);
    };
    const { minLength } = this.rules.matching.fuzzy;
    for (const a of atoms) {
      if (a.kind === 'prefix') this.prefixes.push({ value: a.norm, spec: id });
      else if (a.kind === 'suffix') this.suffixes.push({ value: a.norm, spec: id });
      else {
        push(this.byNorm, a.norm);
        if (a.kind === 'word') {
          push(this.byStem, a.stem);
          if (a.norm.length >= minLength && !/\p{N}/u.test(a.norm)) {
            const bucket = this.fuzzy.get(a.norm[0]) ?? [];
            bucket.push({ norm: a.norm, stem: a.stem, spec: id });
            this.fuzzy.set(a.norm[0], bucket);
          }
        }
      }
    }
    return id;
  }

  private compileTrigger(src: string, gap: number): Trigger {
    return parseTrigger(src).parts.map((alts) => alts.map((part) => this.compilePhrase(part, src, gap)));
  }

  private compilePhrase(part: PhraseAst, src: string, gap: number): number {
    const specs = this.expandPositions(part, src).map((atoms) => this.specId(atoms));
    const key = `${specs.join(',')}/${gap}/${part.anchorStart ? 1 : 0}${part.anchorEnd ? 1 : 0}`;
    let pid = this.phraseKeys.get(key);
    if (pid === undefined) {
      pid = this.phrases.length;
      this.phrases.push({ specs, gap, anchorStart: part.anchorStart, anchorEnd: part.anchorEnd });
      this.phraseKeys.set(key, pid);
      const list = this.byFirstSpec.get(specs[0]) ?? [];
      list.push(pid);
      this.byFirstSpec.set(specs[0], list);
    }
    return pid;
  }

  // ---------- scanning ----------

  /** The specs a word fits; a token's stem is always its normaliser's stem of its norm. */
  private specsOf(norm: string): Set<number> {
    const stem = this.normalizer.stem(norm);
    const found = new Set<number>();
    for (const s of this.byNorm.get(norm) ?? []) found.add(s);
    for (const s of this.byStem.get(stem) ?? []) {
      if (this.specs[s].some((a) => a.kind === 'word' && a.stem === stem)) found.add(s);
    }
    for (const p of this.prefixes) if (norm.startsWith(p.value)) found.add(p.spec);
    for (const p of this.suffixes) if (norm.endsWith(p.value)) found.add(p.spec);
    const { minLength, maxDistance } = this.rules.matching.fuzzy;
    // Typo tolerance only for long words the rules do not know as they are written:
    // short Dutch words have too many real neighbours (kennen/kunnen), and a word that
    // already matched ("dementie" via dement*) is no typo ("detentie").
    if (
      maxDistance > 0 &&
      found.size === 0 &&
      norm.length >= minLength &&
      !this.protect.has(norm) &&
      !/\p{N}/u.test(norm)
    ) {
      for (const e of this.fuzzy.get(norm[0]) ?? []) {
        if (
          (Math.abs(e.norm.length - norm.length) <= maxDistance && distance(norm, e.norm) <= maxDistance) ||
          (Math.abs(e.stem.length - stem.length) <= maxDistance &&
            stem.length >= minLength &&
            e.stem.length >= minLength &&
            distance(stem, e.stem) <= maxDistance)
        )
          found.add(e.spec);
      }
    }
    return found;
  }

  private matchFrom(scan: Scan, phrase: Phrase, k: number, pos: number, acc: number[]): number[] | null {
    const { tokens, specs } = scan;
    if (k === 0 && phrase.anchorStart) {
      for (let t = pos - 1; t >= 0 && tokens[t].clause === tokens[pos].clause; t--) if (!tokens[t].filler) return null;
    }
    acc.push(pos);
    if (k === phrase.specs.length - 1) {
      if (phrase.anchorEnd) {
        for (let t = pos + 1; t < tokens.length && tokens[t].clause === tokens[pos].clause; t++) {
          if (!tokens[t].filler) {
            acc.pop();
            return null;
          }
        }
      }
      return acc;
    }
    const next = phrase.specs[k + 1];
    let skipped = 0;
    for (let j = pos + 1; j < tokens.length && tokens[j].sentence === tokens[pos].sentence; j++) {
      if (specs[j].has(next) && this.matchFrom(scan, phrase, k + 1, j, acc)) return acc;
      if (!tokens[j].filler) skipped++;
      if (skipped > phrase.gap) break;
    }
    acc.pop();
    return null;
  }

  private prepare(tokens: Token[]): Scan {
    const specs = tokens.map((t) => this.tokenSpecs.get(t.norm));
    const matches = new Map<number, number[][]>();
    for (let i = 0; i < tokens.length; i++) {
      for (const s of specs[i]) {
        const pids = this.byFirstSpec.get(s);
        if (!pids) continue;
        for (const pid of pids) {
          const m = this.matchFrom({ tokens, specs } as Scan, this.phrases[pid], 0, i, []);
          if (!m) continue;
          const list = matches.get(pid);
          if (list) list.push(m);
          else matches.set(pid, [m]);
        }
      }
    }
    const flags = new Uint16Array(tokens.length);
    const notNeg: number[][] = [];
    for (const [pid, list] of matches) {
      const role = this.cueRoles.get(pid);
      if (!role) continue;
      for (const m of list) {
        if (role & NOT_NEG) notNeg.push(m);
        for (const t of m) flags[t] |= role & ~NOT_NEG;
      }
    }
    for (const m of notNeg) for (const t of m) flags[t] &= ~(NEG_BEFORE | NEG_AFTER);
    const clauseStart: number[] = [];
    const clauseEnd: number[] = [];
    tokens.forEach((t, i) => {
      if (clauseStart[t.clause] === undefined) clauseStart[t.clause] = i;
      clauseEnd[t.clause] = i;
    });
    return { tokens, specs, matches, flags, clauseStart, clauseEnd, nextOpensWell: () => false };
  }

  /**
   * `others`: tokens of the other parts of an "a + b" trigger, which never count as cues.
   * Only the last part looks for a negation after it: in "mijn kinderen zijn niet veilig,
   * hij slaat ze" the "niet" belongs to "veilig", not to "kinderen".
   */
  private negated(scan: Scan, m: number[], others?: Set<number>): boolean {
    const { tokens, flags } = scan;
    const { windowBefore, windowAfter } = this.rules.negation;
    const first = m[0];
    const last = m[m.length - 1];
    for (let t = first + 1, k = 1; t < last; t++) {
      if (t === m[k]) {
        k++;
        continue;
      }
      if (flags[t] & (NEG_BEFORE | NEG_AFTER) && !others?.has(t)) return true;
    }
    let count = 0;
    for (let t = first - 1; t >= 0 && tokens[t].clause === tokens[first].clause && count < windowBefore; t--) {
      if (flags[t] & NEG_BEFORE && !others?.has(t)) return true;
      if (!tokens[t].filler) count++;
    }
    if (others) for (const t of others) if (t > last) return false;
    count = 0;
    for (let t = last + 1; t < tokens.length && tokens[t].clause === tokens[last].clause && count < windowAfter; t++) {
      if (flags[t] & NEG_AFTER && !others?.has(t)) return true;
      if (!tokens[t].filler) count++;
    }
    return false;
  }

  private resolved(scan: Scan, m: number[], others?: Set<number>): boolean {
    const { tokens, flags } = scan;
    const last = m[m.length - 1];
    const reach = this.contrastReach(scan, last);
    for (let t = last + 1; t < tokens.length && tokens[t].clause <= reach; t++) {
      // "maar het is nog niet opgelost" says the opposite.
      if (flags[t] & RESOLVE && !others?.has(t) && !this.negated(scan, [t])) return true;
    }
    return false;
  }

  /**
   * The last clause that can still say something about the clause of token `last`: "een deurwaarder,
   * maar dat is afbetaald" — a contrast opening the next clause carries back, and so does the rest of
   * the sentence after it ("maar de bestrijder is geweest en het is opgelost", "maar het bleek een
   * infectie, nu is ze weer de oude").
   */
  private contrastReach(scan: Scan, last: number): number {
    const { tokens, flags, clauseStart } = scan;
    const clause = tokens[last].clause;
    const next = clauseStart[clause + 1];
    if (next === undefined || tokens[next].sentence !== tokens[last].sentence || !(flags[next] & CONTRAST)) return clause;
    let end = next;
    while (end + 1 < tokens.length && tokens[end + 1].sentence === tokens[last].sentence) end++;
    return tokens[end].clause;
  }

  /**
   * Whether the next clause (also the first of the next sentence) points back at this one and says it
   * was long ago: "een overdosis, maar dat is 30 jaar geleden". Only a long-ago cue: "hij slaat me, maar
   * vroeger was het erger" stays now.
   */
  private longAgoPointedBack(scan: Scan, m: number[]): boolean {
    const { tokens, flags, clauseStart, clauseEnd } = scan;
    const last = m[m.length - 1];
    const next = tokens[last].clause + 1;
    const first = clauseStart[next];
    // The next clause may open the next sentence: "hij sloeg me. Dat is nu zes jaar geleden".
    if (first === undefined || !(flags[first] & POINTS_BACK) || tokens[first].sentence > tokens[last].sentence + 1) return false;
    for (let t = first; t <= clauseEnd[next]; t++) if (flags[t] & LONG_AGO) return true;
    return false;
  }

  /** Whether the clause holds one of the cues in `cancel` and no cue that it is happening now. */
  private cancelledInClause(scan: Scan, m: number[], cancel: number, others?: Set<number>): boolean {
    const { tokens, flags, clauseStart, clauseEnd } = scan;
    const inMatch = new Set(m);
    if (others) for (const t of others) inMatch.add(t);
    let past = false;
    let present = false;
    for (let t = clauseStart[tokens[m[0]].clause]; t <= clauseEnd[tokens[m[m.length - 1]].clause]; t++) {
      if (inMatch.has(t)) continue;
      if (flags[t] & cancel) past = true;
      if (flags[t] & PRESENT) present = true;
    }
    return past && !present;
  }

  /**
   * A cue of `when` in the clause, and nothing in the whole
   * sentence that says it is happening now or again, unless the sentence goes on to say it is over:
   * "vorig jaar bedreigd, hij zit nu vast en dat is klaar".
   */
  private longAgo(scan: Scan, m: number[], when: number, others?: Set<number>): boolean {
    if (!this.cancelledInClause(scan, m, when, others) && !this.longAgoPointedBack(scan, m)) return false;
    const { tokens, flags } = scan;
    const sentence = tokens[m[0]].sentence;
    const last = m[m.length - 1];
    const over = tokens.some((token, t) => t > last && token.sentence === sentence && flags[t] & RESOLVE);
    return over || this.endsWell(scan, last) || !tokens.some((token, t) => token.sentence === sentence && flags[t] & (PRESENT | AGAIN));
  }

  /**
   * Whether the sentence (or with `wholeMessage` the message), after token `last`, ends on "it goes well
   * now": the last cue of time in it is a wellNow or resolution one ("..., het gaat nu echt goed"), not a
   * now or again ("het ging goed, maar nu ...").
   */
  private endsWell(scan: Scan, last: number, wholeMessage = false, wellCue = WELL_NOW): boolean {
    const { tokens, flags } = scan;
    let well = false;
    let wellClause = -1;
    let wellSentence = -1;
    let contrast = false;
    // `last` -1: from the message's start ("nu gaat het goed, ..." as an answer of its own).
    const own = tokens[Math.max(last, 0)].sentence;
    // A resolution counts in the signal's own sentence, or in the next one when that points back: "... Dat is nu weg."
    const next = tokens.findIndex((token) => token.sentence === own + 1);
    const resolvedIn = (sentence: number) => sentence === own || (sentence === own + 1 && next >= 0 && (flags[next] & POINTS_BACK) !== 0);
    for (let t = last + 1; t < tokens.length && (wholeMessage || tokens[t].sentence === own); t++) {
      const { clause, sentence } = tokens[t];
      // "..., nu alles geregeld" ends as well as "het gaat nu goed", but only in the signal's own sentence
      // ("... rechter in juni. mijn vrouw is weg" is no resolution); "nog niet opgelost" does not.
      if (flags[t] & wellCue || (flags[t] & RESOLVE && resolvedIn(sentence) && !this.negated(scan, [t]))) {
        well = true;
        wellClause = clause;
        wellSentence = sentence;
        contrast = false;
      } else if (flags[t] & CONTRAST) {
        if (sentence === wellSentence) contrast = true;
      } else if (flags[t] & PRESENT) {
        if (clause !== wellClause) well = false; // "het gaat beter nu" stays well
      } else if (flags[t] & AGAIN) {
        // "nu gaat het goed, ik lach weer" stays well; "..., maar soms denk ik er weer aan" does not
        if (sentence !== wellSentence || contrast) well = false;
      }
    }
    return well;
  }

  /**
   * A danger whose history is itself the risk (lapses: false), told as over: longer ago than just now
   * ("gisteren" is not over) and a message that ends on "it goes well now" ("twee jaar terug een
   * poging gedaan. nu gaat het goed"); or a danger of the moment that the message calls dealt with.
   * Not dropped, not a crisis: the bot asks whether there is danger now.
   */
  private toldAsOver(scan: Scan, rule: SignalRule, m: number[]): boolean {
    if (rule.severity !== 'crisis') return false;
    if (!rule.lapses) return this.overAndWell(scan, m, LONG_AGO | NOT_RECENT);
    return rule.current && rule.resolvable && this.dealtWith(scan, m);
  }

  /**
   * A danger of the moment (gas, fire, a fall) that the sentence goes on to call dealt with: "rook gas,
   * de monteur kwam, alles is weer veilig". Only a resolution counts, not "het gaat goed met me", which
   * says nothing about the gas; and nothing in the signal's clause may say it is still going on.
   */
  private dealtWith(scan: Scan, m: number[]): boolean {
    return !this.nowInClause(scan, (t) => m.includes(t), m) && this.endsWell(scan, m[m.length - 1], true, 0);
  }

  /** Whether a message's first sentence ends on "it goes well now". */
  private opensWell(tokens: Token[]): boolean {
    const scan = this.prepare(tokens);
    return scan.matches.size > 0 && this.endsWell(scan, -1);
  }

  /** Whether the signal's clause says, outside the match, that it is happening now. */
  private nowInClause(scan: Scan, inMatch: (t: number) => boolean, m: number[]): boolean {
    const { tokens, flags, clauseStart, clauseEnd } = scan;
    for (let t = clauseStart[tokens[m[0]].clause]; t <= clauseEnd[tokens[m[m.length - 1]].clause]; t++) if (flags[t] & PRESENT && !inMatch(t)) return true;
    return false;
  }

  /**
   * A cue of `when` in the sentence (the past may be told a clause before: "vorig jaar zat ik diep,
   * wilde er niet meer zijn, ..."), nothing in the clause that says it is now, and a message that
   * ends on "it goes well now".
   */
  private overAndWell(scan: Scan, m: number[], when: number, others?: Set<number>): boolean {
    const { tokens, flags } = scan;
    const inMatch = (t: number) => m.includes(t) || others?.has(t) === true;
    const last = m[m.length - 1];
    // The good turn may come as the next answer: "twee jaar terug wilde ik dood" + "nu gaat het goed".
    const well = this.endsWell(scan, last, true) || (!tokens.some((_, t) => t > last && flags[t] & (PRESENT | AGAIN)) && scan.nextOpensWell());
    if (!well || this.nowInClause(scan, inMatch, m)) return false;
    const { sentence } = tokens[m[0]];
    return tokens.some((token, t) => token.sentence === sentence && !inMatch(t) && flags[t] & when);
  }

  private valid(scan: Scan, rule: SignalRule, m: number[], others?: Set<number>): boolean {
    if (this.negated(scan, m, others)) return false;
    if (rule.resolvable && this.resolved(scan, m, others)) return false;
    // "vorige maand had ze een psychose, nu gaat het echt goed met haar": over, whatever the signal.
    if (rule.resolvable && rule.severity !== 'crisis' && this.overAndWell(scan, m, LONG_AGO | NOT_RECENT, others)) return false;
    // Acute danger is now or just happened: years ago cancels every signal, the crisis kinds too.
    if (rule.lapses && this.longAgo(scan, m, rule.severity === 'crisis' ? LONG_AGO | NOT_RECENT : LONG_AGO, others)) return false;
    if (rule.current && this.cancelledInClause(scan, m, PAST | HYPOTHETICAL, others)) return false;
    // "als mijn moeder ooit dementie krijgt" is no problem today; a danger stays one even when told as "what if".
    if (rule.severity !== 'crisis' && this.cancelledInClause(scan, m, HYPOTHETICAL, others)) return false;
    return true;
  }

  /**
   * Spans [firstToken, lastToken] where a trigger holds, in text order: each accepted match
   * for a one-part trigger; for "a + b", one span per segment (between punctuation) that
   * holds every part.
   */
  private triggerSpans(
    scan: Scan,
    parts: Trigger,
    accept: (m: number[], others?: Set<number>) => boolean,
    firstOnly: boolean,
  ): [number, number][] {
    const { tokens } = scan;
    const out: [number, number][] = [];
    // Most triggers of a candidate signal have a part with no match at all: leave before merging anything.
    if (!parts.every((alts) => alts.some((pid) => scan.matches.has(pid)))) return out;
    const partMatches = (alts: number[]): number[][] | undefined => {
      if (alts.length === 1) return scan.matches.get(alts[0]);
      const all = alts.flatMap((pid) => scan.matches.get(pid) ?? []);
      return all.length ? all.sort((a, b) => a[0] - b[0] || b.length - a.length) : undefined;
    };
    if (parts.length === 1) {
      for (const m of partMatches(parts[0]) ?? []) {
        if (!accept(m)) continue;
        out.push([m[0], m[m.length - 1]]);
        if (firstOnly) break;
      }
      return out;
    }
    const lists = parts.map((p) => partMatches(p) ?? []);
    const segments = [...new Set(lists[0].map((m) => tokens[m[0]].segment))].sort((a, b) => a - b);
    for (const s of segments) {
      const inSentence = lists.map((list) => list.filter((x) => tokens[x[0]].segment === s && tokens[x[x.length - 1]].segment === s));
      if (inSentence.some((l) => l.length === 0)) continue;
      let lo = Infinity;
      let hi = -1;
      let all = true;
      for (let p = 0; p < inSentence.length; p++) {
        // A cue word inside another part ("snap de brief niet") must not cancel this part.
        const others = new Set<number>();
        inSentence.forEach((l, q) => {
          if (q !== p) for (const x of l) for (const t of x) others.add(t);
        });
        const m = inSentence[p].find((x) => accept(x, others));
        if (!m) {
          all = false;
          break;
        }
        lo = Math.min(lo, m[0]);
        hi = Math.max(hi, m[m.length - 1]);
      }
      if (all) {
        out.push([lo, hi]);
        if (firstOnly) break;
      }
    }
    return out;
  }

  private sentencesWith(scan: Scan, triggers: Trigger[], accept: (m: number[], others?: Set<number>) => boolean, unit: 'sentence' | 'clause' = 'sentence'): Set<number> {
    const out = new Set<number>();
    for (const parts of triggers)
      for (const [first] of this.triggerSpans(scan, parts, accept, false)) out.add(scan.tokens[first][unit]);
    return out;
  }

  /**
   * Whether match `m` is a whole clause of its own that only continues a list begun earlier in the
   * sentence ("een les over huiselijk geweld en kindermishandeling", "ik weet veel van beslag,
   * deurwaarders en ontruimingen"): at most a joiner, then the match, nothing else. "een film over
   * zelfmoord en ik wil dood" has more than the match, so it stands alone.
   */
  private isListItem(scan: Scan, m: number[]): boolean {
    const { tokens, clauseStart, clauseEnd } = scan;
    const clause = tokens[m[0]].clause;
    let first = clauseStart[clause];
    if (first === 0 || tokens[first].sentence !== tokens[first - 1].sentence) return false;
    if (this.joiners.has(tokens[first].norm)) first++;
    return this.words(scan, first, m[0]) === 0 && this.words(scan, m[m.length - 1] + 1, clauseEnd[clause] + 1) === 0;
  }

  /** Where the list that list item `m` continues began: the clause before its short items, when the sentence goes back that far. */
  private listHead(scan: Scan, m: number[]): number | undefined {
    const { tokens, clauseStart, clauseEnd } = scan;
    const sentence = tokens[m[0]].sentence;
    let c = tokens[m[0]].clause - 1;
    while (clauseStart[c] !== undefined && tokens[clauseStart[c]].sentence === sentence && this.words(scan, clauseStart[c], clauseEnd[c] + 1) <= MAX_LIST_ITEM_WORDS) c--;
    return clauseStart[c] !== undefined && tokens[clauseStart[c]].sentence === sentence ? c : undefined;
  }

  private words(scan: Scan, from: number, to: number): number {
    return scan.tokens.slice(from, to).filter((t) => !t.filler).length;
  }

  /** Whether a suppressor that also holds back the model's crisis (model: true) holds anywhere in the message. */
  holdsModel(tokens: Token[]): boolean {
    const held = this.suppressors.filter((s) => s.model);
    if (held.length === 0) return false;
    const scan = this.prepare(tokens);
    return scan.matches.size > 0 && held.some((s) => this.sentencesWith(scan, s.triggers, (m, others) => !this.negated(scan, m, others)).size > 0);
  }

  /**
   * Signals found in one message, earliest evidence per signal, suppressors applied.
   * `tokens`: the message already tokenised by this matcher's normaliser; `next`: the tokens of the
   * resident's next message, when there is one.
   */
  scan(text: string, tokens: Token[] = this.normalizer.tokenize(text), next?: Token[]): Hit[] {
    const scan = this.prepare(tokens);
    if (next) {
      let opens: boolean | undefined;
      scan.nextOpensWell = () => (opens ??= this.opensWell(next));
    }
    if (scan.matches.size === 0) return [];
    const hits: { rule: SignalRule; first: number; last: number; asked?: true; partial?: number[] }[] = [];
    // Where each suppressor holds, found once per message and only when a signal of its severity needs it.
    // "ik ben niet handig met computers" is no offer: suppressors respect negation.
    const suppressorUnits = new Map<CompiledSuppressor, Set<number>>();
    const unitsOf = (s: CompiledSuppressor) => {
      let where = suppressorUnits.get(s);
      if (!where) {
        where = this.sentencesWith(scan, s.triggers, (m, others) => !this.negated(scan, m, others), s.scope === 'clause' ? 'clause' : 'sentence');
        suppressorUnits.set(s, where);
      }
      return where;
    };
    const holding = (s: CompiledSuppressor, rule: SignalRule, m: number[]) => {
      if (!s.severities.has(rule.severity) || s.except.has(rule.id)) return false;
      const where = unitsOf(s);
      if (s.scope === 'message') return where.size > 0;
      const unit = scan.tokens[m[0]][s.scope];
      if (where.has(unit)) return true;
      if (s.scope !== 'clause' || !this.isListItem(scan, m)) return false;
      const head = this.listHead(scan, m);
      return head !== undefined && where.has(head);
    };
    const dropped = (rule: SignalRule, m: number[]) => this.suppressors.some((s) => !s.ask && holding(s, rule, m));
    const asking = (rule: SignalRule, m: number[]) => this.toldAsOver(scan, rule, m) || this.suppressors.some((s) => s.ask && holding(s, rule, m));
    const candidate = new Uint8Array(this.signals.length);
    for (const pid of scan.matches.keys()) for (const i of this.signalsOfPhrase.get(pid) ?? []) candidate[i] = 1;
    for (const [i, signal] of this.signals.entries()) {
      if (!candidate[i]) continue;
      const blocked = signal.exclude.length ? this.sentencesWith(scan, signal.exclude, () => true) : undefined;
      const lines = new Set<number>();
      const earliest = (keep: (m: number[]) => boolean): [number, number] | null => {
        let best: [number, number] | null = null;
        lines.clear();
        for (const [t, parts] of signal.triggers.entries()) {
          // A suppressed occurrence does not hide a later one of the same signal ("een film over zelfmoord. nu wil ik dood").
          const accept = (m: number[], others?: Set<number>) =>
            !blocked?.has(scan.tokens[m[0]].sentence) && this.valid(scan, signal.rule, m, others) && keep(m);
          const r = this.triggerSpans(scan, parts, accept, true)[0];
          if (r) lines.add(signal.lineOf[t]);
          if (r && (!best || r[0] < best[0] || (r[0] === best[0] && r[1] < best[1]))) best = r;
        }
        return lines.size >= (signal.rule.distinct ?? 1) ? best : null;
      };
      // Where a `distinct` signal's first accepted line stands, for the evidence of a partial hit.
      let firstLine: [number, number] | undefined;
      let heldBack = false;
      const best = earliest((m) => {
        if (dropped(signal.rule, m)) return false;
        if (!asking(signal.rule, m)) {
          if (signal.rule.distinct && !firstLine) firstLine = [m[0], m[m.length - 1]];
          return true;
        }
        heldBack = true;
        return false;
      });
      if (best) hits.push({ rule: signal.rule, first: best[0], last: best[1] });
      else if (firstLine && lines.size > 0) hits.push({ rule: signal.rule, first: firstLine[0], last: firstLine[1], partial: [...lines] });
      else if (heldBack) {
        const unsure = earliest((m) => !dropped(signal.rule, m) && asking(signal.rule, m));
        if (unsure) hits.push({ rule: signal.rule, first: unsure[0], last: unsure[1], asked: true });
      }
    }
    return hits
      .sort((a, b) => a.first - b.first)
      .map((h) => ({ rule: h.rule, start: scan.tokens[h.first].start, end: scan.tokens[h.last].end, ...(h.asked ? { asked: true as const } : {}), ...(h.partial ? { partial: h.partial } : {}) }));
  }
}

import { LRUCache } from 'lru-cache';
import { bareEurosNear, quantities, type Quantity } from './amounts';
import { decideLevel, Level, LEVELS } from './decide';
import { Matcher, type Hit } from './matcher';
import type { Token } from './normalize';
import { ModelCommittee, modelPathsBeside, type ModelReader, type ModelVerdict } from './model/model';
import { defaultRulesPath, loadRules, Rules, Severity } from './rules';

export type { Level } from './decide';
export type { Rules, Severity, Helpline, SignalRule } from './rules';
export { loadRules, parseRules, defaultRulesPath, RulesError } from './rules';

export interface Flag {
  domain: string;
  signal: string;
  severity: Severity;
  /** The resident's own words, sliced from the message: message.slice(start, end). */
  evidence: string;
  message: number;
  start: number;
  end: number;
  helpline?: string;
}

/** Words that may mean danger now, without a certain crisis signal: the bot asks instead of guessing. */
export interface DangerHint {
  signal: string;
  evidence: string;
  message: number;
  start: number;
  end: number;
  /** The numbers that fit if the resident says there is danger. */
  helpline: string;
}

export interface Decision {
  level: Level;
  flags: Flag[];
  domains: string[];
  reasons: string[];
  /** What the model read, when it took part: its level, scores and strongest words. */
  model?: ModelVerdict;
  /** Danger hints in a case that is not a crisis (the bot would have asked about them). */
  hints: DangerHint[];
}

/** The end-of-intake question about the domains that often come together (from the rule file). */
export interface FollowUp {
  question: string;
  more: string;
  choices: string[];
  done: string;
}

/** Flags for what the resident tapped carry this signal; the evidence is the label they tapped. */
export const NAMED_SIGNAL = 'named-by-resident';

export interface Triage {
  /** `named`: follow-up choices the resident tapped; each counts as a mild problem in its domain. */
  decide(messages: string[], named?: string[]): Decision;
  scan(message: string, messageIndex?: number): Flag[];
  hints(message: string, messageIndex?: number): DangerHint[];
  followUp: FollowUp | undefined;
  /** The Dutch label the rule file gives a signal or danger hint, for people who read the flags. */
  labelOf(signal: string): string | undefined;
}

const RANK: Record<Severity, number> = { crisis: 0, severe: 1, mild: 2 };
/** The model's flags carry this pseudo-domain: it is not a ZRM domain, so it never counts toward the domain threshold. */
export const MODEL_DOMAIN = 'model';

let defaultRules: Rules | undefined;

export interface TriageOptions {
  /** The second reader beside the rules: by default the models beside the rule file; `false` for the rules alone. */
  model?: ModelReader | false;
  /** Where the model files are, when they are not beside the default rule file. */
  modelFiles?: string[];
  /** `false`: every call reads afresh, for timing the triage itself (the eval) instead of its memory. */
  remember?: boolean;
}

export function createTriage(rules?: Rules, options: TriageOptions = {}): Triage {
  const effective = rules ?? (defaultRules ??= loadRules());
  const matcher = new Matcher(effective);
  // The hints run through the same matching (negation, past tense, exclusions) as the signals.
  // Same normalisation sections, so it shares the matcher's normaliser: each message is tokenised once.
  const hintMatcher = new Matcher(
    {
      ...effective,
      suppressors: [],
      signals: effective.dangerHints.map((hint) => ({ ...hint, domains: ['veiligheid'], severity: 'crisis' as const, current: true, resolvable: true, lapses: true })),
    },
    matcher.normalizer,
  );
  const model = options.model === false ? undefined : (options.model ?? ModelCommittee.load(matcher.normalizer, options.modelFiles ?? modelPathsBeside(defaultRulesPath())));
  // In one turn the bot asks about the same words several times: the crisis check, the danger question
  // and the acknowledgement read the new answer, the follow-up and the end decision read all answers.
  // Each reading is kept for a minute, so a message is tokenised, matched and scored once per turn and
  // no resident's words stay in memory longer than that.
  const cache = <V extends object>() => (options.remember === false ? undefined : new LRUCache<string, V>({ max: 512, ttl: 60_000 }));
  const tokenLists = cache<Token[]>();
  const readings = cache<Reading>();
  const verdicts = cache<ModelVerdict>();

  const tokensOf = (message: string): Token[] => remembered(tokenLists, message, () => matcher.normalizer.tokenize(message));

  /** A message's flags and danger hints; `next` is the message after it, which can turn its last words around. */
  function reading(message: string, messageIndex: number, next?: string): Reading {
    return remembered(readings, `${messageIndex}\u0000${next ?? ''}\u0000${message}`, () => {
      const tokens = tokensOf(message);
      const read = readMessage(message, messageIndex, tokens, next === undefined ? undefined : tokensOf(next));
      return { ...read, hints: rulesHints(message, messageIndex, tokens, read.asked) };
    });
  }

  const predict = (messages: readonly string[]): ModelVerdict => remembered(verdicts, messages.join('\u0000'), () => model!.predict(messages, messages.map(tokensOf)));

  /** The flags of one message, and the crisis signals a suppressor held back to ask about instead. */
  function readMessage(message: string, messageIndex: number, tokens: Token[], next?: Token[]): Omit<Reading, 'hints'> {
    const flags: Flag[] = [];
    const asked: DangerHint[] = [];
    const partial: PartialHit[] = [];
    let found: ReturnType<typeof quantities> | undefined;
    for (const hit of matcher.scan(message, tokens, next)) {
      if (hit.asked) {
        asked.push(hintOf(hit, message, messageIndex));
        continue;
      }
      if (hit.partial) {
        partial.push({ need: hit.rule.distinct ?? 1, lines: hit.partial, flags: flagsOf(hit, message, messageIndex) });
        continue;
      }
      const limits = hit.rule.severeWhen;
      if (limits) {
        found ??= quantities(message);
        const { euros, months } = found;
        const atLeast = (list: Quantity[], limit: number | undefined) => (limit ? list.find((q) => q.value >= limit) : undefined);
        // Bare numbers are read only when no amount with a unit is large enough: they need the recognizer again.
        const large =
          atLeast(euros, limits.euroAtLeast) ??
          (limits.bareEuros && limits.euroAtLeast ? atLeast(bareEurosNear(message, hit.start, hit.end, [...euros, ...months]), limits.euroAtLeast) : undefined) ??
          atLeast(months, limits.monthsAtLeast);
        if (large) {
          for (const domain of hit.rule.domains)
            flags.push({ domain, signal: `${hit.rule.id}-amount`, severity: 'severe', evidence: message.slice(large.start, large.end), message: messageIndex, start: large.start, end: large.end });
        }
      }
      flags.push(...flagsOf(hit, message, messageIndex));
    }
    return { flags, asked, partial };
  }

  function rulesHints(message: string, messageIndex: number, tokens: Token[], asked: DangerHint[]): DangerHint[] {
    return [...hintMatcher.scan(message, tokens).map((hit) => hintOf(hit, message, messageIndex)), ...asked];
  }

  // One message as the conversation sees it: a crisis only the model sees in a what-if question is asked about there too.
  function hints(message: string, messageIndex = 0): DangerHint[] {
    const { flags, hints: found } = reading(message, messageIndex);
    if (!model || flags.some((flag) => flag.severity === 'crisis')) return [...found];
    const decision: Decision = { level: decideLevel(effective, flags).level, flags: [], domains: [], reasons: [], hints: [] };
    const modelAsks = raiseByModel(decision, predict([message]), [message], () => matcher.holdsModel(tokensOf(message)));
    return modelAsks ? [{ ...modelAsks, message: messageIndex }, ...found] : [...found];
  }

  function decide(messages: string[], named: string[] = []): Decision {
    const seen = new Set<string>();
    const flags: Flag[] = namedFlags(named, messages.length);
    const reads = messages.map((message, i) => reading(message, i, messages[i + 1]));
    [...reads.map((r) => r.flags), addedUp(reads.flatMap((r) => r.partial))].forEach((found) => {
      const fresh = new Set(found.map((f) => f.signal).filter((s) => !seen.has(s)));
      for (const f of found) if (fresh.has(f.signal)) flags.push(f);
      for (const s of fresh) seen.add(s);
    });
    // Stable sort: the most urgent first, then in the order the resident wrote them.
    flags.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.message - b.message || a.start - b.start);
    const verdict = decideLevel(effective, flags);
    const decision: Decision = { level: verdict.level, flags, domains: verdict.domains, reasons: verdict.reasons, hints: [] };
    const modelAsks = model ? raiseByModel(decision, predict(messages), messages, () => messages.some((m) => matcher.holdsModel(tokensOf(m)))) : undefined;
    if (decision.level !== 'crisis') decision.hints = [...(modelAsks ? [modelAsks] : []), ...reads.flatMap((r) => r.hints)];
    return decision;
  }

  // A tap is not in any message; its flags point past the last one, with the tapped label as evidence.
  function namedFlags(named: string[], messageIndex: number): Flag[] {
    return (effective.followUp?.choices ?? [])
      .filter((choice) => named.includes(choice.label))
      .map((choice) => ({ domain: choice.domain, signal: NAMED_SIGNAL, severity: 'mild', evidence: choice.label, message: messageIndex, start: 0, end: choice.label.length }));
  }

  const followUp = effective.followUp && { ...effective.followUp, choices: effective.followUp.choices.map((choice) => choice.label) };
  const labels = new Map([...effective.signals, ...effective.dangerHints].flatMap((rule) => (rule.label ? [[rule.id, rule.label] as const] : [])));
  const scan = (message: string, messageIndex = 0): Flag[] => [...reading(message, messageIndex).flags];
  return { decide, scan, hints, followUp, labelOf: (signal) => labels.get(signal) };
}

/** What the rules read in one message. */
interface Reading {
  flags: Flag[];
  /** Crisis signals a suppressor held back: the bot asks about them instead. */
  asked: DangerHint[];
  partial: PartialHit[];
  hints: DangerHint[];
}

/** Trigger lines of a `distinct` signal that one message holds, too few on their own. */
interface PartialHit {
  need: number;
  lines: number[];
  flags: Flag[];
}

function flagsOf(hit: Hit, message: string, messageIndex: number): Flag[] {
  return hit.rule.domains.map((domain) => ({
    domain,
    signal: hit.rule.id,
    severity: hit.rule.severity,
    evidence: message.slice(hit.start, hit.end),
    message: messageIndex,
    start: hit.start,
    end: hit.end,
    ...(hit.rule.helpline ? { helpline: hit.rule.helpline } : {}),
  }));
}

/**
 * A `distinct` signal told over several answers ("een boete van het CJIB", then "en een
 * incassobureau") counts once its lines add up; its evidence is where it was first named.
 */
function addedUp(partials: PartialHit[]): Flag[] {
  const bySignal = new Map<string, { lines: Set<number>; first: PartialHit }>();
  for (const p of partials) {
    const entry = bySignal.get(p.flags[0].signal) ?? { lines: new Set<number>(), first: p };
    for (const line of p.lines) entry.lines.add(line);
    bySignal.set(p.flags[0].signal, entry);
  }
  return [...bySignal.values()].filter((e) => e.lines.size >= e.first.need).flatMap((e) => e.first.flags);
}

/** A remembered value is shared by every caller: it is frozen, so a change by one of them fails loudly instead of leaking into the next. */
function remembered<V extends object>(cache: LRUCache<string, V> | undefined, key: string, compute: () => V): V {
  if (!cache) return compute();
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = deepFreeze(compute())));
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function hintOf(hit: Hit, message: string, messageIndex: number): DangerHint {
  return { signal: hit.rule.id, evidence: message.slice(hit.start, hit.end), message: messageIndex, start: hit.start, end: hit.end, helpline: hit.rule.helpline ?? 'emergency' };
}

/**
 * Either reader can raise a case, never lower it: when the model sees more than the rules, its
 * level counts, with a flag whose evidence is the resident's words that weighed most. A crisis
 * only the model sees, in a message the rules read as a question about what to do if
 * (`asksInstead`), is not raised: it comes back as a danger hint, so the bot asks.
 */
function raiseByModel(decision: Decision, verdict: ModelVerdict, messages: readonly string[], asksInstead: () => boolean): DangerHint | undefined {
  decision.model = verdict;
  const strongest = verdict.evidence[0];
  // A raise must point at the resident's words; without any, the model only repeats its prior.
  if (!strongest || LEVELS.indexOf(verdict.level) <= LEVELS.indexOf(decision.level)) return undefined;
  const where = { evidence: messages[strongest.message].slice(strongest.start, strongest.end), message: strongest.message, start: strongest.start, end: strongest.end };
  if (asksInstead()) return verdict.level === 'crisis' ? { signal: 'model-crisis', ...where, helpline: 'emergency' } : undefined;
  const severity: Severity = verdict.level === 'crisis' ? 'crisis' : 'severe';
  const flag: Flag = { domain: MODEL_DOMAIN, signal: `model-${verdict.level}`, severity, ...where };
  // The model cannot tell which kind of danger it saw, so it gives the number that fits every kind.
  if (severity === 'crisis') flag.helpline = 'emergency';
  decision.flags.unshift(flag);
  decision.level = verdict.level;
  decision.reasons = [...decision.reasons.filter((reason) => reason !== 'mild-signals' && reason !== 'no-signals'), `model-${verdict.level}`];
  return undefined;
}

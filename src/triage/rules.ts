import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { classNames, parseTrigger, PatternError } from './pattern';

// Everything language-specific lives in the rule file so a professional can tune it
// without a code change; this module only knows its shape.

export const SEVERITIES = ['mild', 'severe', 'crisis'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const HELPLINES = ['suicide', 'domestic', 'emergency'] as const;
export type Helpline = (typeof HELPLINES)[number];

const pattern = z.string().trim().min(1, 'a pattern may not be empty');
const word = z.string().trim().min(1);
const gap = z.number().int().min(0).max(10);

const triggerSchema = z.union([pattern, z.strictObject({ phrase: pattern, gap })]);
// A signal's trigger line may list several ways to say one thing: for `distinct` they count as one.
const signalTriggerSchema = z.union([triggerSchema, z.array(pattern).min(1)]);

const signalSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'id: lowercase letters, digits, "_" or "-"'),
    label: z.string().optional(),
    domains: z.array(word).min(1),
    severity: z.enum(SEVERITIES),
    helpline: z.enum(HELPLINES).optional(),
    // Only counts while it is happening: past ("gisteren") or hypothetical ("ooit") cues cancel it.
    current: z.boolean().default(false),
    // Cues such as "is opgelost" after the match cancel it; off for risks that recur.
    resolvable: z.boolean().default(true),
    // Long ago ("15 jaar terug") cancels it; off where the history itself is the risk (a suicide attempt).
    lapses: z.boolean().default(true),
    gap: gap.optional(),
    triggers: z.array(signalTriggerSchema).min(1),
    exclude: z.array(pattern).default([]),
    // A mild signal becomes severe when the same message names at least this much (euros) or this long (months);
    // with bareEuros, also a number without a unit written right beside the signal's words ("schulden ongeveer 3000").
    // Counts only where at least this many different triggers hold in one message: one debt is mild, debts to several creditors are not.
    distinct: z.number().int().min(2).optional(),
    severeWhen: z
      .strictObject({ euroAtLeast: z.number().positive().optional(), monthsAtLeast: z.number().positive().optional(), bareEuros: z.boolean().optional() })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.severity === 'crisis' && !s.helpline)
      ctx.addIssue({ code: 'custom', path: ['helpline'], message: `crisis signal "${s.id}" needs a helpline` });
    if (s.severity !== 'crisis' && s.helpline)
      ctx.addIssue({ code: 'custom', path: ['helpline'], message: `only crisis signals take a helpline ("${s.id}")` });
    if (s.severeWhen && s.severity !== 'mild')
      ctx.addIssue({ code: 'custom', path: ['severeWhen'], message: `only a mild signal can become severe ("${s.id}")` });
  });

// Words that hint at danger without a certain crisis signal: the bot asks whether someone is in danger now.
const dangerHintSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'id: lowercase letters, digits, "_" or "-"'),
  label: z.string().optional(),
  // The numbers the resident gets when they answer that there is danger.
  helpline: z.enum(HELPLINES),
  gap: gap.optional(),
  triggers: z.array(triggerSchema).min(1),
  exclude: z.array(pattern).default([]),
});

const suppressorSchema = z.strictObject({
  id: z.string().min(1),
  label: z.string().optional(),
  scope: z.enum(['clause', 'sentence', 'message']),
  severities: z.array(z.enum(SEVERITIES)).min(1),
  // Not sure enough to drop the signal ("haha", someone's job): the bot asks about danger instead.
  ask: z.boolean().default(false),
  // Signals it never holds back: a nurse who writes "mijn man slaat me" is hit, whatever her job.
  except: z.array(z.string().min(1)).default([]),
  // Holds back the model's crisis too, anywhere in the message: "wat moet ik doen als ik gas ruik?" makes the bot ask.
  model: z.boolean().default(false),
  triggers: z.array(triggerSchema).min(1),
});

export const rulesSchema = z
  .strictObject({
    version: z.literal(1),
    domains: z.array(word).min(1),
    thresholds: z.strictObject({
      heavyDomainCount: z.number().int().min(1),
      uncountedDomains: z.array(word).default([]),
    }),
    matching: z.strictObject({
      maxGap: gap,
      fuzzy: z.strictObject({
        minLength: z.number().int().min(3),
        maxDistance: z.number().int().min(0).max(2),
        protect: z.array(word).default([]),
      }),
      fillers: z.array(word).default([]),
      listJoiners: z.array(word).default([]),
    }),
    normalize: z.strictObject({
      replace: z.record(z.string().min(1), z.string().trim().min(1)).default({}),
      clauseBreakers: z.array(word).default([]),
    }),
    classes: z.record(z.string().regex(/^[\p{L}\p{N}_-]+$/u), z.array(pattern).min(1)).default({}),
    negation: z.strictObject({
      before: z.array(pattern).min(1),
      after: z.array(pattern).default([]),
      windowBefore: z.number().int().min(0).max(10),
      windowAfter: z.number().int().min(0).max(10),
      notNegation: z.array(pattern).default([]),
    }),
    resolution: z.array(pattern).default([]),
    resolutionAfter: z.array(pattern).default([]),
    time: z.strictObject({
      past: z.array(pattern).default([]),
      // Long ago ("15 jaar terug", "als kind"): not happening now, whatever the severity.
      longAgo: z.array(pattern).default([]),
      // Longer ago than "just happened" ("vorig jaar", "maanden geleden"): cancels crisis signals only,
      // since the debt or the illness of that time may still be there.
      notRecent: z.array(pattern).default([]),
      hypothetical: z.array(pattern).default([]),
      present: z.array(pattern).default([]),
      // "Weer", "opnieuw": it happens again, so an old danger is back; but "gisteren liet ze de pan weer op het vuur staan" stays yesterday.
      again: z.array(pattern).default([]),
      // A clause that opens with one of these points back at the one before ("..., maar dat is 30 jaar geleden"):
      // its long-ago cue counts for the signal there too.
      pointsBack: z.array(pattern).default([]),
      // "Het gaat nu goed": a sentence about an old danger that ends on this says it is over.
      wellNow: z.array(pattern).default([]),
    }),
    suppressors: z.array(suppressorSchema).default([]),
    signals: z.array(signalSchema).min(1),
    dangerHints: z.array(dangerHintSchema).default([]),
    // Asked at the end of a light intake: life domains the resident can tap, and the answer that ends the list.
    followUp: z
      .strictObject({
        question: z.string().trim().min(1),
        more: z.string().trim().min(1),
        choices: z.array(z.strictObject({ label: z.string().trim().min(1), domain: word })).min(1),
        done: z.string().trim().min(1),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const domains = new Set(r.domains);
    const seen = new Set<string>();
    r.signals.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['signals', i, 'id'], message: `duplicate signal id "${s.id}"` });
      seen.add(s.id);
      s.domains.forEach((d, j) => {
        if (!domains.has(d))
          ctx.addIssue({ code: 'custom', path: ['signals', i, 'domains', j], message: `unknown domain "${d}" in signal "${s.id}"` });
      });
    });
    r.followUp?.choices.forEach((choice, i) => {
      if (!domains.has(choice.domain))
        ctx.addIssue({ code: 'custom', path: ['followUp', 'choices', i, 'domain'], message: `unknown domain "${choice.domain}"` });
    });
    r.thresholds.uncountedDomains.forEach((d, j) => {
      if (!domains.has(d))
        ctx.addIssue({ code: 'custom', path: ['thresholds', 'uncountedDomains', j], message: `unknown domain "${d}"` });
    });
    // A class member is one word; a cue (negation, time, resolution) is one phrase that marks the words
    // around it, so "+" (parts anywhere in the clause) has no meaning there and would make each part a cue alone.
    const checkPatterns = (list: string[], where: (string | number)[], kind: 'class' | 'cue' | 'trigger') => {
      list.forEach((p, k) => {
        try {
          const ast = parseTrigger(p);
          for (const name of classNames(ast)) {
            if (kind === 'class') throw new PatternError(`"${p}": a class member may not use a class`);
            if (!(name in r.classes)) throw new PatternError(`"${p}": unknown class {${name}}`);
          }
          if (kind === 'class' && (ast.parts.length > 1 || ast.parts[0].length > 1 || ast.parts[0][0].positions.length > 1 || ast.parts[0][0].anchorStart || ast.parts[0][0].anchorEnd))
            throw new PatternError(`"${p}": a class member must be one word (alternatives allowed)`);
          if (kind === 'cue' && ast.parts.length > 1) throw new PatternError(`"${p}": a cue is one phrase; "+" only works in triggers and excludes`);
          const split = splitAlternative(p);
          if (split) throw new PatternError(`"${p}": "|" chooses one word, so "${split}" never matches as written; separate phrases with " / "`);
        } catch (e) {
          if (!(e instanceof PatternError)) throw e;
          ctx.addIssue({ code: 'custom', path: [...where, k], message: e.message });
        }
      });
    };
    for (const [name, members] of Object.entries(r.classes)) checkPatterns(members, ['classes', name], 'class');
    for (const [name, list] of Object.entries(r.negation)) if (Array.isArray(list)) checkPatterns(list, ['negation', name], 'cue');
    checkPatterns(r.resolution, ['resolution'], 'cue');
    checkPatterns(r.resolutionAfter, ['resolutionAfter'], 'cue');
    for (const [name, list] of Object.entries(r.time)) checkPatterns(list, ['time', name], 'cue');
    const signalIds = new Set(r.signals.map((s) => s.id));
    r.suppressors.forEach((s, i) => {
      checkPatterns(
        s.triggers.map((t) => (typeof t === 'string' ? t : t.phrase)),
        ['suppressors', i, 'triggers'],
        'trigger',
      );
      s.except.forEach((id, j) => {
        if (!signalIds.has(id)) ctx.addIssue({ code: 'custom', path: ['suppressors', i, 'except', j], message: `unknown signal "${id}"` });
      });
    });
    for (const [section, list] of [['signals', r.signals], ['dangerHints', r.dangerHints]] as const) {
      list.forEach((s, i) => {
        checkPatterns(
          s.triggers.flatMap((t) => (typeof t === 'string' ? [t] : Array.isArray(t) ? t : [t.phrase])),
          [section, i, 'triggers'],
          'trigger',
        );
        checkPatterns(s.exclude, [section, i, 'exclude'], 'trigger');
      });
    }
  });

/**
 * The slip this file's syntax invites: "niet meer|nooit meer" reads as two phrases but means "niet",
 * then "meer" or "nooit", then "meer". Caught when a word beside a "|" group is one of its own choices.
 */
function splitAlternative(pattern: string): string | undefined {
  const bare = (word: string) => word.replace(/^=/, '');
  for (const alternative of pattern.split(/[+/]/)) {
    const words = alternative.trim().split(/\s+/);
    for (const [i, word] of words.entries()) {
      if (!word.includes('|')) continue;
      const choices = word.split('|').map(bare);
      const beside = [words[i - 1], words[i + 1]].find((other) => other !== undefined && choices.includes(bare(other)));
      if (beside !== undefined) return words.slice(Math.max(0, i - 1), i + 2).join(' ');
      // "alert op|bang voor|angst voor": a choice that comes back elsewhere in the same phrase
      const elsewhere = words.some((other, j) => j !== i && other.split('|').map(bare).some((c) => choices.includes(c)));
      if (elsewhere) return alternative.trim();
    }
  }
  return undefined;
}

export type Rules = z.infer<typeof rulesSchema>;
export type SignalRule = Rules['signals'][number];
export type DangerHintRule = Rules['dangerHints'][number];

export class RulesError extends Error {}

const RULES_RELATIVE = path.join('locales', 'nl', 'signals.yaml');

/** Walks up from this file so the same code works from src/triage (ts-jest) and dist/src/triage (tsc). */
export function defaultRulesPath(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, RULES_RELATIVE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new RulesError(`${RULES_RELATIVE} not found above ${from}`);
    dir = parent;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 20)
    .map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('\n');
}

/** Parses and validates rule-file text; `source` names it in error messages. */
export function parseRules(text: string, source = 'signals.yaml'): Rules {
  let raw: unknown;
  try {
    raw = parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    throw new RulesError(`${source}: not valid YAML: ${(e as Error).message}`);
  }
  const result = rulesSchema.safeParse(raw);
  if (!result.success) throw new RulesError(`${source}: invalid rule file:\n${describeIssues(result.error)}`);
  return result.data;
}

export function loadRules(file: string = defaultRulesPath()): Rules {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RulesError(`cannot read rule file ${file}: ${(e as Error).message}`);
  }
  return parseRules(text, file);
}

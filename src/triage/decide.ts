import type { Rules, Severity } from './rules';

/** From light to most urgent; the order is the rank. */
export const LEVELS = ['licht', 'zwaar', 'crisis'] as const;
export type Level = (typeof LEVELS)[number];

export interface Verdict {
  level: Level;
  domains: string[];
  reasons: string[];
}

/**
 * The policy of shared/design/triage.md: any crisis signal -> crisis; else any severe signal,
 * or problems in at least `heavyDomainCount` counted domains -> zwaar; else licht.
 * Reasons are machine codes the bot renders in the resident's language.
 */
export function decideLevel(rules: Rules, flags: readonly { domain: string; severity: Severity }[]): Verdict {
  const present = new Set(flags.map((f) => f.domain));
  const domains = rules.domains.filter((d) => present.has(d));
  const uncounted = new Set(rules.thresholds.uncountedDomains);
  const counted = domains.filter((d) => !uncounted.has(d)).length;
  const threshold = rules.thresholds.heavyDomainCount;
  const reasons: string[] = [];
  if (flags.some((f) => f.severity === 'crisis')) reasons.push('crisis-signal');
  if (flags.some((f) => f.severity === 'severe')) reasons.push('severe-signal');
  if (counted >= threshold) reasons.push(`domains>=${threshold}`);
  let level: Level = 'licht';
  if (reasons[0] === 'crisis-signal') level = 'crisis';
  else if (reasons.length > 0) level = 'zwaar';
  else reasons.push(flags.length > 0 ? 'mild-signals' : 'no-signals');
  return { level, domains, reasons };
}

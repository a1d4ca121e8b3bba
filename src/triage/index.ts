import { decideLevel, Level } from './decide';
import { Matcher } from './matcher';
import { loadRules, Rules, Severity } from './rules';

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

export interface Decision {
  level: Level;
  flags: Flag[];
  domains: string[];
  reasons: string[];
}

export interface Triage {
  decide(messages: string[]): Decision;
  scan(message: string, messageIndex?: number): Flag[];
}

const RANK: Record<Severity, number> = { crisis: 0, severe: 1, mild: 2 };

let defaultRules: Rules | undefined;

export function createTriage(rules?: Rules): Triage {
  const effective = rules ?? (defaultRules ??= loadRules());
  const matcher = new Matcher(effective);

  function scan(message: string, messageIndex = 0): Flag[] {
    const flags: Flag[] = [];
    for (const hit of matcher.scan(message)) {
      for (const domain of hit.rule.domains) {
        const flag: Flag = {
          domain,
          signal: hit.rule.id,
          severity: hit.rule.severity,
          evidence: message.slice(hit.start, hit.end),
          message: messageIndex,
          start: hit.start,
          end: hit.end,
        };
        if (hit.rule.helpline) flag.helpline = hit.rule.helpline;
        flags.push(flag);
      }
    }
    return flags;
  }

  function decide(messages: string[]): Decision {
    const seen = new Set<string>();
    const flags: Flag[] = [];
    messages.forEach((text, i) => {
      const found = scan(text, i);
      const fresh = new Set(found.map((f) => f.signal).filter((s) => !seen.has(s)));
      for (const f of found) if (fresh.has(f.signal)) flags.push(f);
      for (const s of fresh) seen.add(s);
    });
    // Stable sort: the most urgent first, then in the order the resident wrote them.
    flags.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.message - b.message || a.start - b.start);
    const verdict = decideLevel(effective, flags);
    return { level: verdict.level, flags, domains: verdict.domains, reasons: verdict.reasons };
  }

  return { decide, scan };
}

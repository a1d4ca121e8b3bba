import { z } from 'zod';
import rules from '../../locales/nl/reportRules.json';
import { reportKinds, type ReportKind } from '../cases/report';

const kindRuleSchema = z.object({ severity: z.enum(['mild', 'severe']), domain: z.string().min(1), words: z.array(z.string().min(1)) });
const rulesSchema = z.object({
  kinds: z.record(z.enum(reportKinds), kindRuleSchema),
  reportWords: z.array(z.string().min(1)),
  neighbourWords: z.array(z.string().min(1)),
});
export type ReportRules = z.infer<typeof rulesSchema>;
export type KindRule = z.infer<typeof kindRuleSchema>;

/** The report rules in locales/nl/reportRules.json, checked at start-up like the triage's own rule file. */
export const reportRules: ReportRules = rulesSchema.parse(rules);

export function kindRule(kind: ReportKind): KindRule {
  return reportRules.kinds[kind];
}

/** Lowercase words without accents or punctuation, so "Herrie!!" and "herrie" are one word. */
function words(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Whether any of `cues` occurs in the text as whole words; "bonk*" also matches "bonkt", "*overlast" "geluidsoverlast". */
export function mentions(text: string, cues: string[]): boolean {
  const said = words(text);
  return cues.some((cue) => {
    const parts = words(cue);
    if (parts.length === 0) return false;
    const prefix = cue.endsWith('*');
    const suffix = cue.startsWith('*');
    return said.some((_, at) =>
      parts.every((part, i) => {
        const word = said[at + i];
        if (word === undefined) return false;
        if (i === parts.length - 1 && prefix) return word.startsWith(part);
        if (i === 0 && suffix) return word.endsWith(part);
        return word === part;
      }),
    );
  });
}

/** The kinds whose words occur in the text, in the order of the rule file. */
export function kindsMentioned(text: string): ReportKind[] {
  return reportKinds.filter((kind) => mentions(text, reportRules.kinds[kind].words));
}

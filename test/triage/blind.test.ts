import path from 'node:path';
import { evaluate, readCases, type Report } from '../../src/triage/eval';
import { rulesTriage, triage } from './helpers';

/*
 * set3.jsonl: 220 cases written from the policy alone by a writer who never saw the rules, the
 * model's training cases or the other sets, and never edited to fit (set1 and set2 were read
 * while the rules and model were worked on, so they no longer count as blind).
 *
 * The targets of the policy (TARGETS in eval.ts) are NOT reached yet on this set; the floors below are the
 * figures measured at the last change of rules or model, so any change that makes routing worse fails here.
 * Raise them as the triage improves; the aim stays TARGETS.
 */
const FLOORS = { crisisRecall: 0.84, heavyRecall: 0.84, lichtPrecision: 0.78, lichtRecall: 0.87 };

describe('blind set (test/triage/blind/set3.jsonl)', () => {
  let both: Report;
  let rulesAlone: Report;

  beforeAll(async () => {
    const cases = await readCases(path.join(__dirname, 'blind', 'set3.jsonl'));
    expect(cases.length).toBeGreaterThanOrEqual(200);
    both = evaluate(cases, triage());
    rulesAlone = evaluate(cases, rulesTriage());
  });

  it.each(Object.keys(FLOORS) as Array<keyof typeof FLOORS>)('does not fall below the measured %s', (measure) => {
    expect(both[measure]).toBeGreaterThanOrEqual(FLOORS[measure]);
  });

  it('finds more danger and more heavy cases with the model than the rules alone, without losing light cases', () => {
    expect(both.crisisRecall).toBeGreaterThan(rulesAlone.crisisRecall);
    expect(both.heavyRecall).toBeGreaterThan(rulesAlone.heavyRecall);
    expect(both.lichtPrecision).toBeGreaterThan(rulesAlone.lichtPrecision);
    expect(both.lichtRecall).toBeGreaterThanOrEqual(rulesAlone.lichtRecall - 0.02);
  });
});

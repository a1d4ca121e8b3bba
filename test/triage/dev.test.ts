import { evaluate, readCases, TARGETS } from '../../src/triage/eval';
import { devSetPath, triage } from './helpers';

describe('dev set (shared/triage-samples/dev.jsonl)', () => {
  let report: ReturnType<typeof evaluate>;

  beforeAll(async () => {
    const cases = await readCases(devSetPath());
    expect(cases.length).toBeGreaterThanOrEqual(60);
    report = evaluate(cases, triage());
  });

  it('finds every crisis', () => {
    expect(report.crisisRecall).toBeGreaterThanOrEqual(TARGETS.crisisRecall);
  });

  it('finds the heavy cases', () => {
    expect(report.heavyRecall).toBeGreaterThanOrEqual(TARGETS.heavyRecall);
  });

  it('keeps licht precise', () => {
    expect(report.lichtPrecision).toBeGreaterThanOrEqual(TARGETS.lichtPrecision);
  });

  it('keeps light cases light', () => {
    expect(report.lichtRecall).toBeGreaterThanOrEqual(TARGETS.lichtRecall);
  });

  it('reaches the accuracy aim', () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(TARGETS.accuracy);
  });

  it('flags the expected domains', () => {
    expect(report.domains).toBeDefined();
    expect(report.domains!.f1).toBeGreaterThanOrEqual(0.9);
  });

  it('never decides a crisis case lower than crisis (lists the misses if it does)', () => {
    expect(report.misses.filter((m) => m.expected === 'crisis')).toEqual([]);
  });
});

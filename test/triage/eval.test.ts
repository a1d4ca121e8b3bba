import { evaluate, formatReport, LabelledCase } from '../../src/triage/eval';
import { triage } from './helpers';

const cases: LabelledCase[] = [
  { id: 'c1', messages: ['ik ruik gas'], expected: 'crisis', domains: ['veiligheid'] },
  { id: 'z1', messages: ['de deurwaarder komt morgen'], expected: 'zwaar', domains: ['financiën'] },
  { id: 'z2', messages: ['de kraan lekt'], expected: 'zwaar', domains: ['huisvesting'] },
  { id: 'l1', messages: ['ik ben eenzaam'], expected: 'licht', domains: ['sociaal netwerk'] },
  { id: 'l2', messages: ['ik wil dood'], expected: 'licht' },
];

describe('evaluation', () => {
  const report = evaluate(cases, triage(), 50);

  it('computes the metrics', () => {
    expect(report.crisisRecall).toBe(1);
    expect(report.heavyRecall).toBeCloseTo(2 / 3); // z2 decided licht; l2 is not expected heavy
    expect(report.lichtPrecision).toBe(1 / 2);
    expect(report.accuracy).toBe(3 / 5);
    expect(report.confusion.licht.crisis).toBe(1);
    expect(report.misses.map((m) => m.id)).toEqual(['z2', 'l2']);
    expect(report.domains).toMatchObject({ cases: 4, exact: 1 });
    expect(report.msPerCase).toBeGreaterThan(0);
  });

  it('prints the misclassified ids with their flags', () => {
    const text = formatReport(report);
    expect(text).toMatch(/crisis recall\s+1\.000/);
    expect(text).toMatch(/heavy recall\s+0\.667\s+BELOW TARGET/);
    expect(text).toMatch(/z2: expected zwaar, decided licht/);
    expect(text).toMatch(/l2: expected licht, decided crisis\n\s+crisis suicidal \[geestelijke gezondheid\] "wil dood"/);
    expect(text).toMatch(/time per decision [\d.]+ ms \(50 decisions/);
  });
});

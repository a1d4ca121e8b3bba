import { stringify } from 'yaml';
import { createTriage, parseRules } from '../../src/triage';
import { decideLevel } from '../../src/triage/decide';
import { rulesTriage } from './helpers';

// A tiny rule file keeps the policy tests independent of the real Dutch word lists.
const rules = parseRules(
  stringify({
    version: 1,
    domains: ['a', 'b', 'c', 'd', 'veiligheid'],
    thresholds: { heavyDomainCount: 3, uncountedDomains: ['veiligheid'] },
    matching: { maxGap: 1, fuzzy: { minLength: 7, maxDistance: 1 } },
    normalize: {},
    negation: { before: ['=geen', '=niet'], windowBefore: 2, windowAfter: 1, after: ['=niet'] },
    time: {},
    signals: [
      { id: 'alpha', domains: ['a'], severity: 'mild', triggers: ['alfa'] },
      { id: 'beta', domains: ['b'], severity: 'mild', triggers: ['beta'] },
      { id: 'gamma', domains: ['c'], severity: 'mild', triggers: ['gamma'] },
      { id: 'delta', domains: ['d', 'veiligheid'], severity: 'severe', triggers: ['delta'] },
      { id: 'omega', domains: ['a', 'veiligheid'], severity: 'crisis', helpline: 'emergency', triggers: ['omega'] },
      { id: 'safe', domains: ['veiligheid'], severity: 'mild', triggers: ['kaars'] },
    ],
  }),
);
const t = createTriage(rules, { model: false });

describe('policy', () => {
  it('is licht without signals', () => {
    expect(t.decide(['hallo', 'niks aan de hand'])).toEqual({ level: 'licht', flags: [], domains: [], reasons: ['no-signals'], hints: [] });
  });

  it('is licht with one or two mild domains', () => {
    const d = t.decide(['alfa', 'beta']);
    expect(d.level).toBe('licht');
    expect(d.domains).toEqual(['a', 'b']);
    expect(d.reasons).toEqual(['mild-signals']);
  });

  it('is zwaar with three domains, across messages', () => {
    const d = t.decide(['alfa', 'iets anders', 'beta en gamma']);
    expect(d.level).toBe('zwaar');
    expect(d.reasons).toEqual(['domains>=3']);
  });

  it('does not count veiligheid toward the domain threshold', () => {
    expect(t.decide(['alfa beta kaars']).level).toBe('licht');
  });

  it('is zwaar with one severe signal', () => {
    const d = t.decide(['delta']);
    expect(d.level).toBe('zwaar');
    expect(d.reasons).toEqual(['severe-signal']);
    expect(d.domains).toEqual(['d', 'veiligheid']);
  });

  it('is crisis with any crisis signal, and lists every reason that applies', () => {
    const d = t.decide(['alfa beta gamma', 'delta', 'omega']);
    expect(d.level).toBe('crisis');
    expect(d.reasons).toEqual(['crisis-signal', 'severe-signal', 'domains>=3']);
    expect(d.flags[0]).toMatchObject({ signal: 'omega', severity: 'crisis', helpline: 'emergency', message: 2 });
  });

  it('keeps the first evidence of a repeated signal', () => {
    const d = t.decide(['eerst alfa', 'dan weer alfa']);
    expect(d.flags).toEqual([{ domain: 'a', signal: 'alpha', severity: 'mild', evidence: 'alfa', message: 0, start: 6, end: 10 }]);
  });

  it('does not decide from a negated signal', () => {
    expect(t.decide(['geen omega']).level).toBe('licht');
    expect(t.decide(['omega niet']).level).toBe('licht');
  });

  it('reads a negation after the verb in inverted order ("geldzorgen heb ik niet"), and an English "not going to"', () => {
    expect(rulesTriage().decide(['geldzorgen heb ik niet']).flags).toEqual([]);
    expect(rulesTriage().decide(['schulden heb ik wel']).flags.map((f) => f.signal)).toContain('debts');
    expect(rulesTriage().decide(["i'm not going to hurt myself, i just cant cope"]).level).toBe('zwaar');
  });

  it('decideLevel works on bare flags', () => {
    expect(decideLevel(rules, [{ domain: 'a', severity: 'mild' }]).level).toBe('licht');
    expect(decideLevel(rules, [{ domain: 'a', severity: 'crisis' }]).level).toBe('crisis');
  });
});

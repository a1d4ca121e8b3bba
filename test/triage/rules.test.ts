import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { createTriage, defaultRulesPath, loadRules, parseRules, RulesError } from '../../src/triage';
import { repoRoot } from './helpers';

const rulesText = fs.readFileSync(path.join(repoRoot, 'locales', 'nl', 'signals.yaml'), 'utf8');

/** The real rule file with one change applied, as YAML text. */
function mutated(change: (raw: any) => void): string {
  const raw = parse(rulesText);
  change(raw);
  return stringify(raw);
}

function errorOf(text: string): string {
  try {
    parseRules(text, 'test.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(RulesError);
    return (e as Error).message;
  }
  throw new Error('expected the rule file to be rejected');
}

describe('rule file', () => {
  it('loads the default file found from the source tree', () => {
    expect(defaultRulesPath()).toBe(path.join(repoRoot, 'locales', 'nl', 'signals.yaml'));
    const rules = loadRules();
    expect(rules.thresholds.heavyDomainCount).toBe(3);
    expect(rules.domains).toContain('veiligheid');
    expect(rules.signals.length).toBeGreaterThan(20);
  });

  it('gives every crisis signal a helpline and nothing else one', () => {
    for (const s of loadRules().signals) {
      if (s.severity === 'crisis') expect(['suicide', 'domestic', 'emergency']).toContain(s.helpline);
      else expect(s.helpline).toBeUndefined();
    }
  });

  it('uses only the 13 ZRM domains plus veiligheid', () => {
    expect(loadRules().domains).toEqual([
      'financiën',
      'werk en opleiding',
      'tijdsbesteding',
      'huisvesting',
      'huiselijke relaties',
      'geestelijke gezondheid',
      'lichamelijke gezondheid',
      'middelengebruik',
      'basale ADL',
      'instrumentele ADL',
      'sociaal netwerk',
      'maatschappelijke participatie',
      'justitie',
      'veiligheid',
    ]);
  });

  it('rejects text that is not YAML', () => {
    expect(errorOf('signals: [unclosed')).toMatch(/test\.yaml: not valid YAML/);
  });

  it('rejects an unknown domain and names the signal and path', () => {
    const msg = errorOf(mutated((r) => (r.signals[0].domains = ['financien'])));
    expect(msg).toMatch(/signals\.0\.domains\.0/);
    expect(msg).toMatch(/unknown domain "financien"/);
  });

  it('rejects a crisis signal without helpline', () => {
    const msg = errorOf(mutated((r) => delete r.signals[0].helpline));
    expect(msg).toMatch(/signals\.0\.helpline/);
    expect(msg).toMatch(/needs a helpline/);
  });

  it('rejects a wrong severity', () => {
    expect(errorOf(mutated((r) => (r.signals[1].severity = 'heavy')))).toMatch(/signals\.1\.severity/);
  });

  it('rejects a missing threshold and unknown keys', () => {
    expect(errorOf(mutated((r) => delete r.thresholds.heavyDomainCount))).toMatch(/thresholds\.heavyDomainCount/);
    expect(errorOf(mutated((r) => (r.signals[2].trigger = ['x'])))).toMatch(/signals\.2/);
  });

  it('rejects a suppressor that spares a signal the file does not have', () => {
    const msg = errorOf(mutated((r) => (r.suppressors[0].except = ['bestaat_niet'])));
    expect(msg).toMatch(/suppressors\.0\.except\.0/);
    expect(msg).toMatch(/unknown signal "bestaat_niet"/);
  });

  it('rejects duplicate signal ids', () => {
    expect(errorOf(mutated((r) => (r.signals[1].id = r.signals[0].id)))).toMatch(/duplicate signal id/);
  });

  it('rejects a malformed pattern and an unknown class with the pattern quoted', () => {
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('burn-out')))).toMatch(/signals\.3\.triggers\.\d+: "burn-out"/);
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('{bestaatniet} kapot')))).toMatch(/unknown class \{bestaatniet\}/);
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('*schuld*')))).toMatch(/either word\* or \*word/);
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('schuld + ')))).toMatch(/signals\.3\.triggers/);
  });

  it('accepts "^" only where a phrase opens, and "^ word $" holds only for a clause of that word alone', () => {
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('schulden ^')))).toMatch(/"\^" may only open a phrase/);
    const rules = parseRules(mutated((r) => r.signals.push({ id: 'test_answer', domains: ['tijdsbesteding'], severity: 'mild', triggers: ['^ postzegels $'] })));
    const holds = (text: string) => createTriage(rules, { model: false }).scan(text).some((f) => f.signal === 'test_answer');
    expect(holds('postzegels')).toBe(true);
    expect(holds('hoi. postzegels!')).toBe(true);
    expect(holds('ik spaar postzegels')).toBe(false);
    expect(holds('postzegels sparen')).toBe(false);
  });

  it('rejects "+" in a cue list, where each part would become a cue of its own', () => {
    expect(errorOf(mutated((r) => r.time.longAgo.push('in de jaren + 70')))).toMatch(/time\.longAgo\.\d+: "in de jaren \+ 70": a cue is one phrase/);
    expect(errorOf(mutated((r) => r.negation.before.push('nooit + meer')))).toMatch(/negation\.before/);
    expect(errorOf(mutated((r) => r.resolution.push('is + opgelost')))).toMatch(/resolution\.\d+/);
  });

  it('rejects a "|" that splits a phrase, and accepts the same phrases with " / "', () => {
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('kinderen + bellen + niet meer|nooit meer')))).toMatch(/never matches as written; separate phrases with " \/ "/);
    expect(errorOf(mutated((r) => r.time.past.push('vorige keer|vorige week')))).toMatch(/time\.past/);
    // the slip that a neighbouring-word check cannot see: a choice that comes back further on in the phrase
    expect(errorOf(mutated((r) => r.signals[3].triggers.push('alert op|bang voor|angst voor + brand')))).toMatch(/never matches as written/);
    expect(() => parseRules(mutated((r) => r.signals[3].triggers.push('alert op / bang voor / angst voor + brand')))).not.toThrow();
    expect(() => parseRules(mutated((r) => r.signals[3].triggers.push('kinderen + bellen + niet meer / nooit meer')))).not.toThrow();
  });

  it('loadRules reports a missing file clearly', () => {
    expect(() => loadRules(path.join(os.tmpdir(), 'does-not-exist.yaml'))).toThrow(/cannot read rule file/);
  });

  it('takes thresholds from the file, not from code', () => {
    const messages = ['ik heb schulden', 'mijn rug is kapot', 'ik ben eenzaam'];
    expect(createTriage(undefined, { model: false }).decide(messages).level).toBe('zwaar');
    const relaxed = parseRules(mutated((r) => (r.thresholds.heavyDomainCount = 4)));
    expect(createTriage(relaxed, { model: false }).decide(messages).level).toBe('licht');
  });

  it('counts a signal with "distinct" only where that many different trigger lines hold; the ways on one line count once', () => {
    const rules = parseRules(
      mutated((r) =>
        r.signals.push({
          id: 'test_several',
          domains: ['financiën'],
          severity: 'severe',
          distinct: 2,
          triggers: [['postzegelschuld', 'postzegels + niet betaald'], 'muntenschuld'],
        }),
      ),
    );
    const several = (text: string) => createTriage(rules, { model: false }).scan(text).some((f) => f.signal === 'test_several');
    expect(several('een postzegelschuld en een muntenschuld')).toBe(true);
    expect(several('een postzegelschuld, want de postzegels zijn niet betaald')).toBe(false);
    expect(several('alleen een muntenschuld')).toBe(false);
    expect(errorOf(mutated((r) => r.signals[3].triggers.push(['schuld', 'niet meer|nooit meer'])))).toMatch(/signals\.3\.triggers/);
  });

  it('lets an edited file add a signal without code changes', () => {
    const rules = parseRules(
      mutated((r) =>
        r.signals.push({ id: 'test_signal', domains: ['tijdsbesteding'], severity: 'mild', triggers: ['postzegels sparen'] }),
      ),
    );
    expect(createTriage(rules).scan('ik wil postzegels gaan sparen').map((f) => f.signal)).toEqual(['test_signal']);
  });
});

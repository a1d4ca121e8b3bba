import { fold, Normalizer } from '../../src/triage/normalize';
import { loadRules } from '../../src/triage';

const rules = loadRules();
const normalizer = new Normalizer({
  replace: rules.normalize.replace,
  clauseBreakers: rules.normalize.clauseBreakers,
  fillers: rules.matching.fillers,
});

describe('fold', () => {
  it('lowercases and strips accents and apostrophes', () => {
    expect(fold('EENZÁÁM')).toBe('eenzaam');
    expect(fold('financiën')).toBe('financien');
    expect(fold('suïcide')).toBe('suicide');
    expect(fold("m'n")).toBe('mn');
  });

  it('squeezes letters stretched for emphasis', () => {
    expect(fold('heeeeel')).toBe('heel');
    expect(fold('eenzaaaaam')).toBe('eenzaam');
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text', () => {
    const text = 'Ik ben ÉCHT eenzaam!!';
    for (const t of normalizer.tokenize(text)) expect(fold(text.slice(t.start, t.end))).toMatch(/^(ik|ben|echt|eenzaam)$/);
    const eenzaam = normalizer.tokenize(text).find((t) => t.norm === 'eenzaam')!;
    expect(text.slice(eenzaam.start, eenzaam.end)).toBe('eenzaam');
  });

  it('expands WhatsApp spellings from the rule file but points at the written word', () => {
    const text = "mn broer ziet snachts m'n moeder";
    const tokens = normalizer.tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['mijn', 'broer', 'ziet', 's', 'nachts', 'mijn', 'moeder']);
    const s = tokens[3];
    expect(text.slice(s.start, s.end)).toBe('snachts');
    expect(text.slice(tokens[5].start, tokens[5].end)).toBe("m'n");
  });

  it('splits sentences at end marks and clauses at commas and words like "maar"', () => {
    const tokens = normalizer.tokenize('geen schulden, maar wel eenzaam. nieuwe zin');
    const at = (w: string) => tokens.find((t) => t.norm === w)!;
    expect(at('schulden').clause).not.toBe(at('eenzaam').clause);
    expect(at('schulden').sentence).toBe(at('eenzaam').sentence);
    expect(at('nieuwe').sentence).toBe(at('eenzaam').sentence + 1);
    // "maar" starts a clause but not a new segment (segments break at punctuation only)
    const t2 = normalizer.tokenize('geen werk maar wel schulden');
    expect(t2[0].clause).not.toBe(t2[4].clause);
    expect(t2[0].segment).toBe(t2[4].segment);
  });

  it('keeps an exclamation or question that closes a quote inside the sentence around it', () => {
    const tokens = normalizer.tokenize("hij roept 'pak me dan!' als hij verliest. klaar");
    const at = (w: string) => tokens.find((t) => t.norm === w)!;
    expect(at('verliest').sentence).toBe(at('roept').sentence);
    expect(at('verliest').segment).toBe(at('roept').segment);
    expect(at('klaar').sentence).toBe(at('roept').sentence + 1);
  });

  it('splits on hyphens, slashes and emoji', () => {
    expect(normalizer.tokenize('laptop/telefoon burn-out 😢 ok').map((t) => t.norm)).toEqual([
      'laptop',
      'telefoon',
      'burn',
      'out',
      'ok',
    ]);
  });

  it('stems with the Dutch stemmer', () => {
    expect(normalizer.stem('schulden')).toBe(normalizer.stem('schuld'));
    expect(normalizer.stem('kakkerlakken')).toBe(normalizer.stem('kakkerlak'));
  });
});

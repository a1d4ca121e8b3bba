import { quantities } from '../../src/triage/amounts';
import { rulesTriage } from './helpers';

describe('amounts and durations as evidence', () => {
  it.each([
    ['ik heb €4.000 schuld', 4000, '€4.000'],
    ['al 12.000 euro achter', 12000, '12.000 euro'],
    ['€ 350,50 aan boetes', 350.5, '€ 350,50'],
    ['owe 5k to an incasso agency', 5000, '5k'],
    // The euro unit in capitals, or with an apostrophe: the currency recognizer still runs.
    ['nog 2500 EUR open', 2500, '2500 EUR'],
    ['1500 Euro\'s bij de bank', 1500, '1500 Euro'],
  ])('reads the euros in "%s" the Dutch way (thousands with a dot)', (text, value, words) => {
    const [euro] = quantities(text).euros;
    expect(euro.value).toBe(value);
    expect(text.slice(euro.start, euro.end)).toBe(words);
  });

  it('reads months written as digits before a month word, with their place in the text', () => {
    const text = 'de huur al 3 maanden niet betaald, en 2 mnd energie';
    expect(quantities(text).months.map((q) => [q.value, text.slice(q.start, q.end)])).toEqual([
      [3, '3 maanden'],
      [2, '2 mnd'],
    ]);
    expect(quantities('ik woon op nummer 12, sinds 2019').months).toEqual([]);
    // a term ahead or a rhythm is not how long something has been behind
    expect(quantities('de regeling loopt af in 10 maanden, ik betaal elke 2 maanden een deel').months).toEqual([]);
    expect(quantities('al 5 maanden geen huur betaald').months.map((q) => q.value)).toEqual([5]);
  });

  it('finds amounts deep inside a long message, in several sentences and without any punctuation, at their place in the text', () => {
    const filler = 'en toen zei ik tegen de buurvrouw dat het allemaal wel goed zou komen maar ja ';
    const text = `${filler.repeat(20)}ik heb nu €2.500 schuld bij de zorgverzekering. ${filler.repeat(5)}de huur is al 4 maanden niet betaald ${filler.repeat(10)}en nog 3k bij mijn broer`;
    const q = quantities(text);
    expect(q.euros.map((e) => [e.value, text.slice(e.start, e.end)])).toEqual([
      [2500, '€2.500'],
      [3000, '3k'],
    ]);
    expect(q.months.map((m) => [m.value, text.slice(m.start, m.end)])).toEqual([[4, '4 maanden']]);
    // A number without a euro unit, a "k" or a month word is no quantity: "nummer 12" stays out.
    expect(quantities(`${filler}ik woon op nummer 12 ${filler}`)).toEqual({ euros: [], months: [] });
  });

  it('finds no euros in an amount of another currency', () => {
    expect(quantities('ik heb 3000 dollar en 2000 pond schuld').euros).toEqual([]);
  });

  it('makes a debt severe only from the rule file thresholds, with the amount as evidence', () => {
    const flagsOf = (text: string) => rulesTriage().decide([text]).flags.map((f) => `${f.signal}:${f.severity}:${f.evidence}`);
    expect(rulesTriage().decide(['ik heb €4.000 schuld']).level).toBe('zwaar');
    expect(flagsOf('ik heb €4.000 schuld')).toContain('debts-amount:severe:€4.000');
    expect(rulesTriage().decide(['huur 3 maanden niet betaald']).level).toBe('zwaar');
    expect(rulesTriage().decide(['ik heb 200 euro schuld bij de tandarts']).level).toBe('licht');
    expect(rulesTriage().decide(['1 maand huurachterstand']).level).toBe('licht');
    // An amount without a debt is no signal.
    expect(rulesTriage().decide(['ik heb 5000 euro gespaard voor een auto']).flags).toEqual([]);
  });

  it('reads a number without a unit right beside a debt word as euros, but never a year or a house number', () => {
    const flagsOf = (text: string) => rulesTriage().decide([text]).flags.map((f) => `${f.signal}:${f.severity}:${f.evidence}`);
    expect(flagsOf('bij de energie heb ik zo rond de 1.800 aan schulden')).toContain('debts-amount:severe:1.800');
    expect(flagsOf('schuld bij de belastingdienst van ruim 2400')).toContain('debts-amount:severe:2400');
    expect(rulesTriage().decide(['een schuld van 300 bij de telefoonwinkel']).level).toBe('licht');
    expect(rulesTriage().decide(['al schulden sinds 2021']).level).toBe('licht');
    expect(rulesTriage().decide(['ik woon op huisnummer 1104 en heb een schuld']).level).toBe('licht');
    // In another sentence a number is no amount of that debt.
    expect(rulesTriage().decide(['we zijn met 1200 mensen in de wijk. ik heb een kleine schuld']).level).toBe('licht');
  });
});

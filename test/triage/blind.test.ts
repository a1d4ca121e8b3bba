import path from 'node:path';
import { evaluate, readCases, type Report } from '../../src/triage/eval';
import { rulesTriage, triage } from './helpers';

/*
 * Cases written from the policy alone by helpers that never saw the rules, the model's training
 * cases or each other's sets, and never edited to fit. Once the misses of a set have been read to
 * improve the rules it is no longer blind (set1–set4, set6, set7, set9–set47, set52–set57, set59, set61, set63, set65, set67, set69, set71, set73, set75); set5, set8, set58, set60, set62, set64, set66, set68, set70, set72, set74, set76 and set77 were
 * only ever scored. The README reports the newest set, written after the last change and scored once.
 *
 * Not every target of the policy (TARGETS in eval.ts) is reached on them; the floors are the
 * figures measured at the last change of rules or model, so any change that routes worse fails.
 * Raise them as the triage improves.
 */
const FLOORS: Record<string, Pick<Report, 'crisisRecall' | 'heavyRecall' | 'lichtPrecision' | 'lichtRecall'>> = {
  'set3.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.87 },
  'set4.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.87 },
  'set5.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.87 },
  'set6.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.96 },
  'set7.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.88 },
  'set8.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.91 },
  'set9.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.85 },
  'set10.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.92 },
  'set11.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.96 },
  'set12.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  // Written as training cases (500 each, other proportions: set13 mostly danger and things that only sound
  // like it, set14 plain zwaar, set15 registers and shapes); kept out of training, read for rules rounds 2 and 3.
  'set13.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.92 },
  'set14.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.99, lichtRecall: 0.94 },
  'set15.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.99, lichtRecall: 0.93 },
  'set16.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.89 },
  'set17.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.9 },
  'set18.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.94 },
  'set19.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  'set20.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  'set21.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.94 },
  'set22.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.94 },
  'set23.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  'set24.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.91 },
  'set25.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.94 },
  'set26.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.95 },
  'set27.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.95 },
  'set28.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.9 },
  'set29.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  'set30.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  'set31.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.91 },
  'set32.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.91 },
  'set33.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.89 },
  'set34.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.91 },
  'set35.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.94 },
  'set36.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.86 },
  'set37.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.92 },
  'set38.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.87 },
  'set39.jsonl': { crisisRecall: 0.97, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.92 },
  'set40.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.92 },
  'set41.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.84 },
  'set42.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.93 },
  'set43.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.89 },
  'set44.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.98 },
  'set45.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.92 },
  'set46.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.93 },
  'set47.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.89 },
  // Written after round thirty-three and scored once.
  'set52.jsonl': { crisisRecall: 0.97, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.87 },
  // 400 cases (200 crisis, 100 zwaar, 100 licht) of danger told indirectly, by a helper who wrote nothing else.
  'set53.jsonl': { crisisRecall: 0.93, heavyRecall: 0.96, lichtPrecision: 0.89, lichtRecall: 0.85 },
  // Written after round thirty-three, scored once after the second model joined: set54 240 cases, set55
  // 400 of danger told indirectly.
  'set54.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.86 },
  'set55.jsonl': { crisisRecall: 0.97, heavyRecall: 0.99, lichtPrecision: 0.96, lichtRecall: 0.9 },
  // Written after round thirty-four, scored once after the third model joined: set56 240 cases (winter),
  // set57 400 of danger told indirectly; their misses were read for round thirty-five.
  'set56.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.89 },
  'set57.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.84 },
  // Written after the third model joined, scored once after round thirty-five: set58 240 cases (a pilot's
  // first month), set59 400 of danger hidden in short or unusual messages; set59's misses were read for
  // round thirty-six.
  'set58.jsonl': { crisisRecall: 1, heavyRecall: 0.98, lichtPrecision: 0.97, lichtRecall: 0.88 },
  'set59.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.95 },
  // Written after round thirty-five, scored once after round thirty-six: set60 240 cases (families and
  // households), set61 400 of danger told by what someone sees, hears or smells; set61's misses were read
  // for round thirty-seven.
  'set60.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.89 },
  'set61.jsonl': { crisisRecall: 0.98, heavyRecall: 0.98, lichtPrecision: 0.93, lichtRecall: 0.88 },
  // Written after round thirty-six, scored once after round thirty-seven: set62 240 cases (a balanced mix),
  // set63 400 of danger told in passing or played down; set63's misses were read for round thirty-eight.
  'set62.jsonl': { crisisRecall: 0.95, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.89 },
  'set63.jsonl': { crisisRecall: 0.98, heavyRecall: 0.98, lichtPrecision: 0.94, lichtRecall: 0.91 },
  // Written after round thirty-seven, scored once after round thirty-eight: set64 240 cases (older residents,
  // straattaal, professionals' referrals), set65 400 of danger a busy reader would miss; set65's misses
  // were read for round thirty-nine.
  'set64.jsonl': { crisisRecall: 1, heavyRecall: 1, lichtPrecision: 1, lichtRecall: 0.9 },
  'set65.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.91 },
  // Written after round thirty-eight, scored once after round thirty-nine: set66 240 cases (overlast,
  // relatives, newcomers, stories over several short messages), set67 400 of danger that shows only
  // when the messages are read together; set67's misses were read for round forty.
  'set66.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.85 },
  'set67.jsonl': { crisisRecall: 0.99, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.91 },
  // Written after round thirty-nine, scored once after round forty: set68 240 cases (shared phones, voice-message
  // style, mixed languages, minimising), set69 400 of danger told plainly without alarm words; set69's misses
  // were read for round forty-one.
  'set68.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.91 },
  'set69.jsonl': { crisisRecall: 0.99, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.83 },
  // Written after round forty, scored once after round forty-one: set70 240 cases (parents, carers, simple
  // writers, people leaving prison or care, gambling and buy-now-pay-later debts), set71 400 of danger mixed
  // into everyday requests, hedged or apologised for; set71's misses were read for round forty-two.
  'set70.jsonl': { crisisRecall: 0.97, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.91 },
  'set71.jsonl': { crisisRecall: 0.99, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.87 },
  // Written after round forty-one, scored once after round forty-two: set72 240 cases (high-rise flats, debt
  // restructuring, chronic illness, lonely older men, young mothers, angry complaints), set73 400 of danger
  // typed under stress: fragments, typos, emoji, language switches; set73's misses were read for round forty-three.
  'set72.jsonl': { crisisRecall: 0.97, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.8 },
  'set73.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.83 },
  // Written after round forty-two, scored once after round forty-three: set74 240 cases (the first week after
  // the holidays, writing for a friend, volunteers, stable psychiatric histories, information only), set75
  // 400 of danger told calmly, politely or as a question about rules and costs; set75's misses were read for
  // round forty-four.
  'set74.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.91 },
  'set75.jsonl': { crisisRecall: 0.98, heavyRecall: 0.98, lichtPrecision: 0.95, lichtRecall: 0.83 },
  // Written after round forty-three, scored once after round forty-four: set76 240 cases (a pilot's month in
  // Bospolder-Tussendijken), set77 400 of danger in the words of people who do not name it.
  'set76.jsonl': { crisisRecall: 1, heavyRecall: 0.99, lichtPrecision: 0.98, lichtRecall: 0.89 },
  'set77.jsonl': { crisisRecall: 0.97, heavyRecall: 0.98, lichtPrecision: 0.95, lichtRecall: 0.79 },
};

describe.each(Object.entries(FLOORS))('blind set test/triage/blind/%s', (file, floors) => {
  let both: Report;
  let rulesAlone: Report;

  beforeAll(async () => {
    const cases = await readCases(path.join(__dirname, 'blind', file));
    expect(cases.length).toBeGreaterThanOrEqual(200);
    both = evaluate(cases, triage());
    rulesAlone = evaluate(cases, rulesTriage());
  });

  it.each(Object.keys(floors) as Array<keyof typeof floors>)('does not fall below the measured %s', (measure) => {
    expect(both[measure]).toBeGreaterThanOrEqual(floors[measure]);
  });

  it('finds more danger and more heavy cases with the model than the rules alone, and keeps licht more precise', () => {
    expect(both.crisisRecall).toBeGreaterThan(rulesAlone.crisisRecall);
    expect(both.heavyRecall).toBeGreaterThan(rulesAlone.heavyRecall);
    expect(both.lichtPrecision).toBeGreaterThan(rulesAlone.lichtPrecision);
  });
});

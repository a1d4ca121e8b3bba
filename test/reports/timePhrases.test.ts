import { amsterdamOffsetMinutes, readWhen } from '../../src/reports/timePhrases';

// A Wednesday, 11:00 in Amsterdam (winter time): every reading below is against this fixed moment.
const NOW = new Date('2026-03-11T10:00:00Z');

describe('Dutch time phrases in a report, against a fixed clock in Amsterdam time', () => {
  it.each([
    // chrono-node's Dutch on its own
    ['sinds vorige week', { start: '2026-03-04T10:00:00.000Z', ongoing: true }],
    ['sinds gisteren', { start: '2026-03-10T10:00:00.000Z', ongoing: true }],
    ['vanochtend', { start: '2026-03-11T07:00:00.000Z' }],
    ['vanmiddag', { start: '2026-03-11T13:00:00.000Z' }],
    ['vanavond', { start: '2026-03-11T19:00:00.000Z' }],
    ['vorige maand', { start: '2026-02-11T10:00:00.000Z' }],
    ['twee weken geleden', { start: '2026-02-25T10:00:00.000Z' }],
    ['3 dagen geleden', { start: '2026-03-08T10:00:00.000Z' }],
    ['een paar dagen geleden', { start: '2026-03-09T10:00:00.000Z' }],
    ['sinds 1 maart', { start: '2026-03-01T11:00:00.000Z', ongoing: true }],
    ['gisteren om 23:00', { start: '2026-03-10T22:00:00.000Z' }],
    ['vorig jaar', { start: '2025-03-11T10:00:00.000Z' }],
    // the table's rewrites
    ['gisteravond', { start: '2026-03-10T19:00:00.000Z' }],
    ['gistermiddag', { start: '2026-03-10T13:00:00.000Z' }],
    ['vannacht', { start: '2026-03-11T02:00:00.000Z' }],
    ['eergisteren', { start: '2026-03-09T10:00:00.000Z' }],
    ['sinds 3 weken', { start: '2026-02-18T10:00:00.000Z', ongoing: true }],
    ['sinds twee maanden', { start: '2026-01-11T10:00:00.000Z', ongoing: true }],
    ['afgelopen zaterdag', { start: '2026-03-07T11:00:00.000Z' }],
    ['vorig weekend', { start: '2026-03-07T11:00:00.000Z' }],
    // frequency and duration words
    ['elke nacht rond 3 uur', { frequency: 'nightly', timeOfDay: '03:00', ongoing: true }],
    ['Elke nacht', { frequency: 'nightly', ongoing: true }],
    ['iedere week', { frequency: 'weekly', ongoing: true }],
    ['steeds', { frequency: 'often', ongoing: true }],
    ['soms', { frequency: 'sometimes', ongoing: true }],
    ['af en toe, vooral in het weekend', { frequency: 'weekly', ongoing: true }],
    ['al maanden', { start: '2026-01-10T10:00:00.000Z', approximate: true, ongoing: true }],
    ['al jaren', { start: '2025-03-11T10:00:00.000Z', approximate: true, ongoing: true }],
    ['al maanden, elke avond rond 11 uur', { frequency: 'evenings', timeOfDay: '11:00', start: '2026-01-10T10:00:00.000Z', approximate: true, ongoing: true }],
    ['sinds vorige week elke nacht', { frequency: 'nightly', start: '2026-03-04T10:00:00.000Z', ongoing: true }],
  ])('%s', (text, expected) => {
    expect(readWhen(text, NOW)).toEqual({ text: text.trim(), ...expected });
  });

  it.each(['weet ik niet', '😡😡', '', 'het is gewoon heel vervelend', '<b>gisteren</b>'.replace(/gisteren/, 'x')])('keeps %p as words without a date', (text) => {
    const when = readWhen(text, NOW);
    expect(when.text).toBe(text.trim());
    expect(when.start).toBeUndefined();
    expect(when.frequency).toBeUndefined();
  });

  it('reads times in Amsterdam summer time too, whatever zone the machine runs in', () => {
    const summer = new Date('2026-07-15T10:00:00Z');
    expect(amsterdamOffsetMinutes(summer)).toBe(120);
    expect(amsterdamOffsetMinutes(NOW)).toBe(60);
    expect(readWhen('gisteren om 23:00', summer).start).toBe('2026-07-14T21:00:00.000Z');
    // Just after midnight in Amsterdam, still the evening before in UTC: "gisteren" is Amsterdam's yesterday.
    const afterMidnight = new Date('2026-03-11T23:30:00Z');
    expect(readWhen('gisteren om 23:00', afterMidnight).start).toBe('2026-03-11T22:00:00.000Z');
    expect(readWhen('vanavond', afterMidnight).start).toBe('2026-03-12T19:00:00.000Z');
  });

  it('does not take "geen keer" for "een keer" or a word inside another word', () => {
    expect(readWhen('geen keer gezien', NOW).frequency).toBeUndefined();
    expect(readWhen('somsom', NOW).frequency).toBeUndefined();
  });
});

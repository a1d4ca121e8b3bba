import { escalationNotice } from '../../src/bot/escalationNotice';
import { ConfigError, loadConfig } from '../../src/config/config';
import { openingStatus, parseOfficeHours, type OfficeHours } from '../../src/handoff/officeHours';
import { intakeCase } from '../storage/fixtures';
import { texts as t } from '../helpers/conversation';

const weekdays = parseOfficeHours('ma-vr 09:00-17:00') as OfficeHours;
// 2025-03-04 is a Tuesday; Amsterdam is UTC+1 in March and UTC+2 in July.
const at = (iso: string) => new Date(iso);

describe('office hours', () => {
  it('parses ranges, lists and several parts, and refuses anything else with a clear reason', () => {
    expect(parseOfficeHours('ma-vr 09:00-17:00')).toEqual({ slots: [1, 2, 3, 4, 5].map((day) => ({ day, open: 540, close: 1020 })), closedOnHolidays: true });
    expect(parseOfficeHours('ma,wo 09:00-12:00; za-zo 10:00-11:30')).toEqual({
      slots: [
        { day: 1, open: 540, close: 720 },
        { day: 3, open: 540, close: 720 },
        { day: 6, open: 600, close: 690 },
        { day: 0, open: 600, close: 690 },
      ],
      closedOnHolidays: true,
    });
    expect(parseOfficeHours('maandag 09:00-17:00')).toMatch(/not a day range/);
    expect(parseOfficeHours('ma-vr 9-17')).toMatch(/is not like/);
    expect(parseOfficeHours('ma-vr 17:00-09:00')).toMatch(/no valid opening/);
    expect(parseOfficeHours('ma 09:61-10:00')).toMatch(/no valid opening/);
    expect(parseOfficeHours(' ; ')).toBe('names no opening hours');
  });

  it('is validated once at start-up: a wrong value stops the process naming OFFICE_HOURS', () => {
    expect(loadConfig({}).OFFICE_HOURS).toEqual(weekdays);
    expect(loadConfig({ OFFICE_HOURS: 'ma-za 08:30-12:00' }).OFFICE_HOURS.slots).toHaveLength(6);
    expect(() => loadConfig({ OFFICE_HOURS: 'altijd' })).toThrow(ConfigError);
    expect(() => loadConfig({ OFFICE_HOURS: 'altijd' })).toThrow(/^Invalid configuration: OFFICE_HOURS /);
    expect(() => loadConfig({ HANDOFF_REPLY_TIMEOUT_MINUTES: '0' })).toThrow(/HANDOFF_REPLY_TIMEOUT_MINUTES/);
    expect(() => loadConfig({ REOPEN_WITHIN_DAYS: '-1' })).toThrow(/REOPEN_WITHIN_DAYS/);
    expect(loadConfig({})).toMatchObject({ DEFAULT_TEAM: 'bospolder-tussendijken', HANDOFF_REPLY_TIMEOUT_MINUTES: 30, REOPEN_WITHIN_DAYS: 14 });
    expect(loadConfig({ OFFICE_CLOSED_ON_HOLIDAYS: 'false' }).OFFICE_HOURS).toEqual({ ...weekdays, closedOnHolidays: false });
    expect(() => loadConfig({ OFFICE_CLOSED_ON_HOLIDAYS: 'soms' })).toThrow(/^Invalid configuration: OFFICE_CLOSED_ON_HOLIDAYS /);
  });

  it.each([
    ['Tuesday 11:00 in winter', '2025-03-04T10:00:00Z', { open: true, closes: '17:00' }],
    ['Tuesday 09:30 in summer time', '2025-07-01T07:30:00Z', { open: true, closes: '17:00' }],
    ['Tuesday 07:00', '2025-03-04T06:00:00Z', { open: false, next: { daysAhead: 0, day: 2, time: '09:00' } }],
    ['Tuesday 17:00 sharp', '2025-03-04T16:00:00Z', { open: false, next: { daysAhead: 1, day: 3, time: '09:00' } }],
    ['Friday 20:00', '2025-03-07T19:00:00Z', { open: false, next: { daysAhead: 3, day: 1, time: '09:00' } }],
    // Still Saturday in UTC: the day is Amsterdam's, not the server's.
    ['Sunday 00:30', '2025-03-08T23:30:00Z', { open: false, next: { daysAhead: 1, day: 1, time: '09:00' } }],
    // Summer time starts on Sunday 30 March 2025 and ends on Sunday 26 October 2025.
    ['the Monday after the switch to summer time, 08:59', '2025-03-31T06:59:00Z', { open: false, next: { daysAhead: 0, day: 1, time: '09:00' } }],
    ['the Monday after the switch to summer time, 09:00', '2025-03-31T07:00:00Z', { open: true, closes: '17:00' }],
    ['the Friday before the switch to winter time, 16:59', '2025-10-24T14:59:00Z', { open: true, closes: '17:00' }],
    ['the Monday after the switch to winter time, 08:59', '2025-10-27T07:59:00Z', { open: false, next: { daysAhead: 0, day: 1, time: '09:00' } }],
    ['the Monday after the switch to winter time, 09:00', '2025-10-27T08:00:00Z', { open: true, closes: '17:00' }],
  ])('knows whether the team is open on %s (Amsterdam time)', (_when, iso, expected) => {
    expect(openingStatus(weekdays, at(iso))).toEqual(expected);
  });

  it.each([
    ['Nieuwjaar (Friday)', '2027-01-01T10:00:00Z', 'Nieuwjaar', { daysAhead: 3, day: 1, time: '09:00' }],
    ['Tweede paasdag', '2026-04-06T10:00:00Z', 'Tweede paasdag', { daysAhead: 1, day: 2, time: '09:00' }],
    ['Koningsdag on a Monday', '2026-04-27T08:00:00Z', 'Koningsdag', { daysAhead: 1, day: 2, time: '09:00' }],
    ['Bevrijdingsdag in a lustrum year', '2025-05-05T10:00:00Z', 'Bevrijdingsdag', { daysAhead: 1, day: 2, time: '09:00' }],
    ['Hemelvaartsdag', '2026-05-14T10:00:00Z', 'Hemelvaartsdag', { daysAhead: 1, day: 5, time: '09:00' }],
    ['Tweede pinksterdag', '2026-05-25T10:00:00Z', 'Tweede pinksterdag', { daysAhead: 1, day: 2, time: '09:00' }],
    ['Eerste kerstdag (Friday, then the weekend)', '2026-12-25T10:00:00Z', 'Kerstmis', { daysAhead: 3, day: 1, time: '09:00' }],
  ])('is closed on %s, and names it', (_when, iso, holiday, next) => {
    expect(openingStatus(weekdays, at(iso))).toEqual({ open: false, holiday, next });
  });

  it('skips holidays when it says when the team opens next', () => {
    // Thursday 24 December 2026 after closing: Christmas is Friday and Saturday, so the next opening is Monday 28th.
    expect(openingStatus(weekdays, at('2026-12-24T17:00:00Z'))).toEqual({ open: false, next: { daysAhead: 4, day: 1, time: '09:00' } });
    // Wednesday before Ascension Day: the next opening is Friday.
    expect(openingStatus(weekdays, at('2026-05-13T17:00:00Z'))).toEqual({ open: false, next: { daysAhead: 2, day: 5, time: '09:00' } });
  });

  it('keeps Bevrijdingsdag outside lustrum years, and every holiday when holidays are switched off', () => {
    expect(openingStatus(weekdays, at('2026-05-05T10:00:00Z'))).toEqual({ open: true, closes: '17:00' });
    const alwaysOpenOnHolidays: OfficeHours = { ...weekdays, closedOnHolidays: false };
    expect(openingStatus(alwaysOpenOnHolidays, at('2026-04-27T08:00:00Z'))).toEqual({ open: true, closes: '17:00' });
    expect(openingStatus(alwaysOpenOnHolidays, at('2026-12-24T17:00:00Z'))).toEqual({ open: false, next: { daysAhead: 1, day: 5, time: '09:00' } });
  });
});

describe('what the resident hears when a person takes over', () => {
  const heavy = intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1', level: 'zwaar', status: 'escalated' });
  const crisis = { ...heavy, level: 'crisis' as const, urgent: true, flags: [{ domain: 'psychische gezondheid', signal: 'suicide', severity: 'crisis' as const, evidence: 'dood', message: 0, start: 0, end: 4, helpline: 'suicide' }] };

  it('says honestly that someone is online, and that the resident may keep writing', () => {
    expect(escalationNotice(t, heavy, weekdays, true, at('2025-03-04T10:00:00Z'))).toEqual([`${t.handoff.someoneOnline} ${t.handoff.keepWriting}`]);
  });

  it('says nobody is online within hours, with the closing time', () => {
    const [notice] = escalationNotice(t, heavy, weekdays, false, at('2025-03-04T10:00:00Z'));
    expect(notice).toContain('geen wijkverbinder online');
    expect(notice).toContain('vóór 17:00 uur');
  });

  it.each([
    ['2025-03-04T06:00:00Z', 'vandaag om 09:00 uur'],
    ['2025-03-04T18:00:00Z', 'morgen om 09:00 uur'],
    ['2025-03-07T19:00:00Z', 'op maandag om 09:00 uur'],
  ])('outside hours (%s) says when the team opens: %s', (iso, when) => {
    const [notice] = escalationNotice(t, heavy, weekdays, false, at(iso));
    expect(notice).toContain(t.handoff.closedNow.replace('{next}', when));
  });

  it('names the holiday when the team is closed for it', () => {
    const [notice] = escalationNotice(t, heavy, weekdays, false, at('2026-04-27T08:00:00Z'));
    expect(notice).toContain(t.handoff.closedHoliday.replace('{holiday}', 'Koningsdag').replace('{next}', 'morgen om 09:00 uur'));
  });

  it('gives the numbers that fit a crisis, whatever the hour, unless the crisis reply of this turn already did', () => {
    const notice = escalationNotice(t, crisis, weekdays, true, at('2025-03-04T10:00:00Z'));
    expect(notice).toHaveLength(2);
    expect(notice[1]).toContain(t.handoff.cannotWait);
    expect(notice[1]).toContain(t.crisis.helplines.suicide);
    // Suicidal thoughts: 113, and one short line about 112, not the fire-and-gas block.
    expect(notice[1]).toContain(t.crisis.directDanger);
    expect(notice[1]).not.toContain(t.crisis.helplines.emergency);
    expect(escalationNotice(t, crisis, weekdays, false, at('2025-03-08T20:00:00Z'))[1]).toContain('112');
    expect(escalationNotice(t, crisis, weekdays, true, at('2025-03-04T10:00:00Z'), true)).toEqual([`${t.handoff.someoneOnline} ${t.handoff.keepWriting}`]);
  });
});

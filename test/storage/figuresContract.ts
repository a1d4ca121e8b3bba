import type { IntakeCase } from '../../src/cases/case';
import { weeklyFigures } from '../../src/figures/figures';
import { presentFigures, SUPPRESSED } from '../../src/figures/present';
import { amsterdamWeek } from '../../src/figures/week';
import { intakeCase, reportCase } from './fixtures';
import { useStores, type OpenStores } from './storesContract';

const minutes = (at: string, plus: number) => new Date(Date.parse(at) + plus * 60_000).toISOString();

/** An escalated case of team noord: created, escalated a minute later, first replied to after `reply` minutes. */
function escalated(id: string, createdAt: string, options: { reply?: number; inHours?: boolean; handled?: number } & Partial<IntakeCase> = {}): IntakeCase {
  const { reply, inHours, handled, ...rest } = options;
  const escalatedAt = minutes(createdAt, 1);
  const claimedAt = minutes(createdAt, 2);
  return intakeCase({
    id,
    channel: 'webchat',
    userId: `u-${id}`,
    conversationId: `g-${id}`,
    createdAt,
    updatedAt: createdAt,
    status: handled === undefined ? 'claimed' : 'closed',
    level: 'zwaar',
    team: 'noord',
    flags: [{ domain: 'financiën', signal: 'debts', severity: 'mild', evidence: 'schulden', message: 0, start: 0, end: 8 }],
    escalatedAt,
    escalatedInOfficeHours: inHours,
    claimedAt,
    claimedBy: 'c-1',
    ...(reply === undefined ? {} : { firstReplyAt: minutes(escalatedAt, reply) }),
    ...(handled === undefined ? {} : { closedAt: minutes(claimedAt, handled), outcome: 'afgerond' as const }),
    ...rest,
  });
}

// 2026-03-29 is the switch to summer time. These moments fall in another ISO week in Amsterdam than in UTC.
const MONDAY_W13_CET = '2026-03-22T23:30:00.000Z'; // Monday 23 March 00:30 CET: W13 (a Sunday, W12, in UTC)
const SUNDAY_W13_CEST = '2026-03-29T21:30:00.000Z'; // Sunday 29 March 23:30 CEST: still W13
const MONDAY_W14_CEST = '2026-03-29T22:30:00.000Z'; // Monday 30 March 00:30 CEST: W14 (a Sunday, W13, in UTC)
const MIDWEEK_W13 = '2026-03-25T10:00:00.000Z';

const CASES: IntakeCase[] = [
  escalated('n1', MONDAY_W13_CET, {
    reply: 10,
    inHours: true,
    handled: 60,
    reopenedAt: '2026-03-24T09:00:00.000Z',
    rating: { askedAt: '2026-03-24T10:00:00.000Z', answer: 'goed', more: 'Fijn' },
    flags: [
      { domain: 'financiën', signal: 'debts', severity: 'mild', evidence: 'schulden', message: 0, start: 0, end: 8 },
      { domain: 'financiën', signal: 'bailiff', severity: 'severe', evidence: 'deurwaarder', message: 0, start: 10, end: 21 },
      { domain: 'wonen', signal: 'eviction', severity: 'severe', evidence: 'huis uit', message: 1, start: 0, end: 8 },
    ],
  }),
  escalated('n2', MIDWEEK_W13, { reply: 20, inHours: true, handled: 120, returnedToQueue: 2, rating: { askedAt: MIDWEEK_W13, answer: 'goed' } }),
  escalated('n3', MIDWEEK_W13, { reply: 30, inHours: true, handled: 30, returnedToQueue: 1, rating: { askedAt: MIDWEEK_W13, answer: 'beetje' } }),
  escalated('n4', SUNDAY_W13_CEST, { reply: 40, inHours: false, handled: 90, outcome: 'doorverwezen', rating: { askedAt: SUNDAY_W13_CEST, refused: true } }),
  escalated('n5', SUNDAY_W13_CEST, { reply: 50, inHours: false, handled: 45, outcome: 'doorverwezen', rating: { askedAt: SUNDAY_W13_CEST } }),
  escalated('n6', MIDWEEK_W13, { reply: 5, inHours: false, level: 'crisis', urgent: true }),
  escalated('n7', MONDAY_W14_CEST),
  escalated('z1', MIDWEEK_W13, { team: 'zuid', reply: 1, inHours: true }),
  // A light case no team took up, and an intake that stopped after the first answer.
  intakeCase({ id: 'l1', channel: 'webchat', userId: 'u-l1', conversationId: 'g-l1', createdAt: MIDWEEK_W13, status: 'open', level: 'licht' }),
  intakeCase({ id: 'i1', channel: 'webchat', userId: 'u-i1', conversationId: 'g-i1', createdAt: MIDWEEK_W13, status: 'intake', answers: { wil: 'weet niet' } }),
];

/** The pilot's figures on a fixed set of cases with known answers, computed by each store in its own database. */
export function figuresContract(name: string, open: OpenStores): void {
  describe(`${name}: figures`, () => {
    const opened = useStores(open);
    const stores = () => opened.current.stores;
    const weeks = { fromWeek: '2026-W10', toWeek: '2026-W20' };

    beforeEach(async () => {
      for (const value of CASES) await stores().cases.save(value);
      for (const at of [MIDWEEK_W13, MIDWEEK_W13, MIDWEEK_W13, MIDWEEK_W13, SUNDAY_W13_CEST, MONDAY_W14_CEST]) await stores().figures.recordConsentRefused(new Date(at));
    });

    it('puts a moment in its ISO week as Amsterdam has it, across the switch to summer time', () => {
      expect([MONDAY_W13_CET, SUNDAY_W13_CEST, MONDAY_W14_CEST].map((at) => amsterdamWeek(new Date(at)))).toEqual(['2026-W13', '2026-W13', '2026-W14']);
      expect(amsterdamWeek(new Date('2026-12-31T23:30:00.000Z'))).toBe('2026-W53');
      expect(amsterdamWeek(new Date('2027-01-03T22:59:00.000Z'))).toBe('2026-W53');
      expect(amsterdamWeek(new Date('2027-01-03T23:00:00.000Z'))).toBe('2027-W01');
    });

    it("counts one team's cases per week: starts, levels, domains, replies, outcomes, reopens, handling time and ratings", async () => {
      const [w13, w14, ...more] = await weeklyFigures(stores().figures, { ...weeks, teams: ['noord'] });
      expect(more).toEqual([]);
      expect(w13).toEqual({
        week: '2026-W13',
        started: 6,
        completed: 6,
        reported: 0,
        consentRefused: 0,
        crisis: 1,
        escalated: 6,
        replied: 6,
        repliedInHours: 3,
        repliedOutHours: 3,
        returned: 3,
        everClosed: 5,
        reopened: 1,
        handled: 5,
        handlingMinutes: 345,
        levels: { zwaar: 5, crisis: 1 },
        domains: { financiën: 6, wonen: 1 },
        outcomes: { afgerond: 3, doorverwezen: 2 },
        ratings: { goed: 2, beetje: 1, geweigerd: 1, 'geen-antwoord': 1 },
        // Replies 5 10 20 30 40 50: nearest rank 3 and 6; in office hours 10 20 30, outside 5 40 50.
        replyMedian: 20,
        replyP90: 50,
        replyMedianInHours: 20,
        replyMedianOutHours: 40,
        // Handling 30 45 60 90 120.
        handlingMedian: 60,
      });
      expect(w14).toMatchObject({ week: '2026-W14', started: 1, escalated: 1, replied: 0, replyMedian: null, handlingMedian: null, levels: { zwaar: 1 } });
    });

    it("the default team's figures also hold the cases no team took up and the consent refusals", async () => {
      const [w13, w14] = await weeklyFigures(stores().figures, { ...weeks, teams: ['noord', ''] });
      expect(w13).toMatchObject({ started: 8, completed: 7, consentRefused: 5, levels: { licht: 1, zwaar: 5, crisis: 1 } });
      expect(w14).toMatchObject({ started: 1, consentRefused: 1 });
      const zuid = await weeklyFigures(stores().figures, { ...weeks, teams: ['zuid'] });
      expect(zuid.map((row) => [row.week, row.started, row.consentRefused])).toEqual([['2026-W13', 1, 0]]);
    });

    it('counts overlast reports apart: a report is no intake that was begun and not finished', async () => {
      for (let i = 0; i < 5; i++) {
        await stores().cases.save(reportCase({ id: `melding-${i}`, channel: 'webchat', userId: `melder-${i}`, conversationId: `m-${i}`, team: 'noord', createdAt: '2026-04-15T10:00:00.000Z', updatedAt: '2026-04-15T10:00:00.000Z' }));
      }
      const [w16] = presentFigures(await weeklyFigures(stores().figures, { fromWeek: '2026-W16', toWeek: '2026-W16', teams: ['noord'] })).weeks;
      expect(w16.cells).toMatchObject({ started: 0, completed: 0, reports: 5 });
    });

    it('keeps to the weeks asked for', async () => {
      const rows = await weeklyFigures(stores().figures, { fromWeek: '2026-W14', toWeek: '2026-W14', teams: ['noord', ''] });
      expect(rows.map((row) => [row.week, row.started])).toEqual([['2026-W14', 1]]);
      expect(await weeklyFigures(stores().figures, { fromWeek: '2026-W15', toWeek: '2026-W30', teams: ['noord'] })).toEqual([]);
    });

    it('shows counts below 5 as "< 5", and medians and rates of so few cases too', async () => {
      const { columns, weeks: [w13, w14] } = presentFigures(await weeklyFigures(stores().figures, { ...weeks, teams: ['noord'] }));
      expect(columns).toEqual(expect.arrayContaining(['started', 'level.zwaar', 'domain.financiën', 'domain.wonen', 'outcome.afgerond', 'rating.goed', 'replyMedianMinutes']));
      expect(w13.cells).toMatchObject({
        started: 6,
        'level.zwaar': 5,
        'level.crisis': SUPPRESSED,
        'level.licht': 0,
        'domain.financiën': 6,
        'domain.wonen': SUPPRESSED,
        replyMedianMinutes: 20,
        replyP90Minutes: 50,
        replyMedianInHoursMinutes: SUPPRESSED,
        returnedToQueue: SUPPRESSED,
        'outcome.afgerond': SUPPRESSED,
        reopened: SUPPRESSED,
        reopenRatePercent: SUPPRESSED,
        handlingMedianMinutes: 60,
        handlingTotalHours: 5.8,
        'rating.goed': SUPPRESSED,
      });
      expect(w14.cells).toMatchObject({ started: SUPPRESSED, replyMedianMinutes: null, 'domain.wonen': 0 });
      const everyCell = [w13, w14].flatMap((week) => Object.values(week.cells));
      expect(everyCell.filter((cell) => typeof cell === 'number' && cell > 0 && cell < 5)).toEqual([]);
    });

    it('answers nothing for a team with no cases, and a query value shaped like an operator is only a value', async () => {
      expect(await weeklyFigures(stores().figures, { ...weeks, teams: ['{"$gt":""}'] })).toEqual([]);
      expect(await weeklyFigures(stores().figures, { ...weeks, teams: [] })).toEqual([]);
    });
  });
}

import { residentKeyOf } from '../../src/cases/case';
import { createLogger } from '../../src/log';
import { scheduleRetentionPurge } from '../../src/storage/retention';
import type { Stores } from '../../src/storage/stores';
import { asJson, intakeCase, message, reportCase, volunteer } from './fixtures';
import { useStores, type OpenStores, type TestClock } from './storesContract';

/** The resident to erase; the others are traps: B's ids start with A's, C has A's user id on another channel. */
const A = { channel: 'whatsapp', userId: '+31.6$12 ü🙂', mark: 'geheim-A' };
const B = { channel: 'whatsapp', userId: '+31.6$12 ü🙂2', mark: 'geheim-B' };
const C = { channel: 'emulator', userId: A.userId, mark: 'geheim-C' };

type Resident = typeof A;

/** Everything a resident leaves behind in a normal intake: state, transcripts in and out, cases, a claim. Every row carries their mark. */
async function seedResident(stores: Stores, who: Resident, conversations: string[], caseOnlyConversation: string): Promise<void> {
  for (const [n, conversationId] of conversations.entries()) {
    for (let i = 0; i < 3; i++) {
      const at = new Date(Date.UTC(2025, 3, 1 + n, 9, i));
      await stores.transcripts.logActivity(message({ channelId: who.channel, userId: who.userId, conversationId, text: `${who.mark} vraag ${i}`, at }));
      await stores.transcripts.logActivity(message({ channelId: who.channel, userId: who.userId, conversationId, text: `${who.mark} antwoord ${i}`, at: new Date(at.getTime() + 1), fromBot: true, roles: i !== 1 }));
    }
    await stores.storage.write({
      [`${who.channel}/conversations/${conversationId}/`]: { dialogState: { answers: who.mark } },
      [`${who.channel}/conversations/${conversationId}/extra`]: { note: who.mark },
    });
  }
  await stores.storage.write({ [`${who.channel}/conversations/${caseOnlyConversation}/`]: { dialogState: who.mark } });
  await stores.storage.write({ [`${who.channel}/users/${who.userId}/`]: { consent: { given: true, note: who.mark } } });
  const first = intakeCase({ id: `${who.mark}-case-1`, channel: who.channel, userId: who.userId, conversationId: conversations[0], answers: { wil: who.mark } });
  const second = intakeCase({ id: `${who.mark}-case-2`, channel: who.channel, userId: who.userId, conversationId: caseOnlyConversation, answers: { wil: who.mark }, createdAt: '2025-04-09T00:00:00.000Z' });
  await stores.cases.save(first);
  await stores.cases.save(second);
  await stores.cases.claim(first.id, `verbinder-${who.mark}`, new Date('2025-04-10T00:00:00.000Z'));
  await stores.console.addNote({ id: `${who.mark}-note-1`, caseId: first.id, connectorId: 'verbinder-1', text: `${who.mark} notitie`, at: '2025-04-10T01:00:00.000Z' });
  // The same person also signed up as a volunteer.
  await stores.volunteers.save(volunteer({ id: `${who.mark}-volunteer`, channel: who.channel, userId: who.userId, talentText: `${who.mark} kookt` }));
}

async function seedAll(stores: Stores): Promise<void> {
  await seedResident(stores, A, ['gesprek.A$1', 'gesprek.A$2'], 'gesprek.A$3');
  await seedResident(stores, B, ['gesprek.A$10', 'gesprek.A$20'], 'gesprek.A$30');
  await seedResident(stores, C, ['gesprek.A$1', 'gesprek.C'], 'gesprek.A$3');
}

function rowsWith(dump: Record<string, unknown[]>, mark: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map((row) => JSON.stringify(row)).filter((row) => row.includes(mark)).sort()]));
}

function rowsWithout(dump: Record<string, unknown[]>, mark: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map((row) => JSON.stringify(row)).filter((row) => !row.includes(mark)).sort()]));
}

/** AVG: erase a resident completely, export everything about them, purge what is past retention. */
export function residentDataContract(name: string, open: OpenStores): void {
  describe(`${name}: erasure, export and retention (AVG)`, () => {
    const opened = useStores(open);
    const stores = () => opened.current.stores;

    it('erases everything about one resident in every collection/table and leaves everyone else untouched', async () => {
      await seedAll(stores());
      const before = await opened.current.dumpAll();
      const aRows = Object.values(rowsWith(before, A.mark)).flat();
      expect(aRows.length).toBeGreaterThan(0);

      const report = await stores().residents.eraseResident(A.channel, A.userId);

      const after = await opened.current.dumpAll();
      expect(JSON.stringify(after)).not.toContain(A.mark);
      expect(rowsWithout(after, A.mark)).toEqual(rowsWithout(before, A.mark));
      // 2 conversations × 6 activities; state: 2 × 2 conversation keys, the case-only conversation, the user; 2 cases; 1 claim; 1 note.
      expect(report).toEqual({ state: 6, transcripts: 12, cases: 2, claims: 1, notes: 1, volunteers: 1 });
      expect(await stores().cases.listByResident(residentKeyOf(A.channel, A.userId))).toEqual([]);
      expect(await stores().residents.eraseResident(A.channel, A.userId)).toEqual({ state: 0, transcripts: 0, cases: 0, claims: 0, notes: 0, volunteers: 0 });
    });

    it('exports everything about one resident and nothing about anyone else', async () => {
      opened.clock.value = new Date('2025-06-01T12:00:00.000Z');
      await seedAll(stores());
      const access = { at: '2025-04-10T02:00:00.000Z', connectorId: 'verbinder-1', action: 'view' as const, result: 'ok' };
      await stores().console.recordAudit({ ...access, caseId: `${A.mark}-case-1` });
      await stores().console.recordAudit({ ...access, caseId: `${B.mark}-case-1` });
      const exported = await stores().residents.exportResident(A.channel, A.userId);
      const text = JSON.stringify(exported);
      expect(text).not.toContain(B.mark);
      expect(text).not.toContain(C.mark);
      expect(exported.residentKey).toBe(residentKeyOf(A.channel, A.userId));
      expect(exported.exportedAt).toBe('2025-06-01T12:00:00.000Z');
      expect(exported.cases.map((value) => value.id)).toEqual([`${A.mark}-case-1`, `${A.mark}-case-2`]);
      expect(exported.claims).toEqual([{ caseId: `${A.mark}-case-1`, connectorId: `verbinder-${A.mark}`, claimedAt: '2025-04-10T00:00:00.000Z' }]);
      expect(exported.notes).toEqual([{ id: `${A.mark}-note-1`, caseId: `${A.mark}-case-1`, connectorId: 'verbinder-1', text: `${A.mark} notitie`, at: '2025-04-10T01:00:00.000Z' }]);
      expect(exported.audit).toEqual([{ ...access, caseId: `${A.mark}-case-1` }]);
      expect(exported.transcripts).toHaveLength(12);
      expect((exported.transcripts as Array<{ text: string }>).every((activity) => activity.text.startsWith(A.mark))).toBe(true);
      expect(Object.keys(exported.state).sort()).toEqual(
        [
          'whatsapp/conversations/gesprek.A$1/',
          'whatsapp/conversations/gesprek.A$1/extra',
          'whatsapp/conversations/gesprek.A$2/',
          'whatsapp/conversations/gesprek.A$2/extra',
          'whatsapp/conversations/gesprek.A$3/',
          `whatsapp/users/${A.userId}/`,
        ].sort(),
      );
      expect(exported.state[`whatsapp/users/${A.userId}/`]).toEqual({ consent: { given: true, note: A.mark } });
      expect(exported.volunteer).toMatchObject({ id: `${A.mark}-volunteer`, talentText: `${A.mark} kookt`, status: 'active' });
      expect(asJson(exported)).toEqual(exported);
      const nobody = await stores().residents.exportResident('whatsapp', 'niemand');
      expect(nobody).toMatchObject({ cases: [], claims: [], notes: [], audit: [], transcripts: [], state: {}, volunteer: null });
    });

    it('covers overlast reports: the reporter\'s export holds their report, their erasure removes it from the address, another reporter\'s stays', async () => {
      const address = 'schiedamseweg 12b';
      await stores().cases.save(reportCase({ id: 'report-A', channel: A.channel, userId: A.userId, conversationId: 'melding.A', addressKey: address, createdAt: '2025-04-01T09:00:00.000Z' }));
      await stores().cases.save(reportCase({ id: 'report-B', channel: B.channel, userId: B.userId, conversationId: 'melding.B', addressKey: address, createdAt: '2025-04-02T09:00:00.000Z' }));
      const exported = await stores().residents.exportResident(A.channel, A.userId);
      expect(exported.cases.map((value) => value.report?.reference)).toEqual(['M-REPORT-A']);
      expect(exported.cases[0].report).toMatchObject({ kind: 'geluid', place: { key: address } });
      await stores().residents.eraseResident(A.channel, A.userId);
      expect((await stores().cases.listReportsAt(address)).map((value) => value.id)).toEqual(['report-B']);
      // Past retention the other report goes too.
      await stores().residents.purgeOlderThan(new Date('2026-01-01T00:00:00.000Z'), new Date('2024-01-01T00:00:00.000Z'));
      expect(await stores().cases.listReportsAt(address)).toEqual([]);
    });

    it('purges everything quiet since the cutoff, whatever its status (open cases, user state), and audit rows by their own cutoff', async () => {
      const cutoff = new Date('2025-01-01T00:00:00.000Z');
      await purgeFixture(stores(), opened.clock);
      const report = await stores().residents.purgeOlderThan(cutoff, new Date('2024-01-01T00:00:00.000Z'));
      expect(report).toEqual({ state: 2, transcripts: 2, cases: 2, claims: 2, notes: 2, audit: 1, receivedMessages: 0, volunteers: 1 });
      await expectPurged(stores());
    });

    it('the scheduled purge removes what is older than RETENTION_DAYS, when a test triggers it', async () => {
      await purgeFixture(stores(), opened.clock);
      const schedule = scheduleRetentionPurge(stores().residents, {
        retentionDays: 31,
        auditRetentionDays: 397,
        now: () => new Date('2025-02-01T00:00:00.000Z'),
        log: createLogger('silent'),
        firstDelayMs: 3_600_000,
      });
      try {
        expect(await schedule.runOnce()).toEqual({ state: 2, transcripts: 2, cases: 2, claims: 2, notes: 2, audit: 1, receivedMessages: 0, volunteers: 1 });
      } finally {
        await schedule.stop();
      }
      await expectPurged(stores());
    });
  });
}

async function purgeFixture(stores: Stores, clock: TestClock): Promise<void> {
  const old = new Date('2024-06-01T00:00:00.000Z');
  const recent = new Date('2025-06-01T00:00:00.000Z');
  for (const [conversationId, at] of [['oud', old], ['nieuw', recent]] as const) {
    await stores.transcripts.logActivity(message({ channelId: 'webchat', conversationId, userId: 'u1', text: 'a', at, id: `${conversationId}-1` }));
    await stores.transcripts.logActivity(message({ channelId: 'webchat', conversationId, userId: 'u1', text: 'b', at: new Date(at.getTime() + 1000), id: `${conversationId}-2`, fromBot: true }));
  }
  const stamp = (at: string) => ({ createdAt: at, updatedAt: at });
  await stores.cases.save(intakeCase({ id: 'closed-old', channel: 'webchat', userId: 'u1', conversationId: 'oud', status: 'closed', ...stamp('2024-06-02T00:00:00.000Z') }));
  await stores.cases.save(intakeCase({ id: 'closed-new', channel: 'webchat', userId: 'u1', conversationId: 'nieuw', status: 'closed', ...stamp('2025-06-02T00:00:00.000Z') }));
  await stores.cases.save(intakeCase({ id: 'open-old', channel: 'webchat', userId: 'u2', conversationId: 'lang-open', status: 'escalated', ...stamp('2024-06-03T00:00:00.000Z') }));
  await stores.cases.claim('closed-old', 'v1', old);
  await stores.cases.claim('open-old', 'v2', old);
  await stores.console.addNote({ id: 'note-closed-old', caseId: 'closed-old', connectorId: 'v1', text: 'weg', at: old.toISOString() });
  await stores.console.addNote({ id: 'note-open-old', caseId: 'open-old', connectorId: 'v2', text: 'weg', at: old.toISOString() });
  await stores.cases.save(intakeCase({ id: 'open-new', channel: 'webchat', userId: 'u3', conversationId: 'lang-open-nieuw', status: 'open', ...stamp('2025-06-03T00:00:00.000Z') }));
  await stores.console.recordAudit({ at: '2023-06-01T00:00:00.000Z', connectorId: 'v1', action: 'view', caseId: 'closed-old', result: 'ok' });
  await stores.console.recordAudit({ at: '2024-06-01T00:00:00.000Z', connectorId: 'v1', action: 'view', caseId: 'closed-old', result: 'ok' });
  // A volunteer who stopped long ago goes; one who changed recently stays.
  await stores.volunteers.save(volunteer({ id: 'stopped-old', channel: 'webchat', userId: 'v-old', status: 'stopped', updatedAt: '2024-06-04T00:00:00.000Z' }));
  await stores.volunteers.save(volunteer({ id: 'active-new', channel: 'webchat', userId: 'v-new', updatedAt: '2025-06-04T00:00:00.000Z' }));
  clock.value = old;
  await stores.storage.write({ 'webchat/conversations/oud/': { stil: true }, 'webchat/users/u1/': { consent: { given: true } } });
  clock.value = recent;
  await stores.storage.write({ 'webchat/conversations/nieuw/': { actief: true } });
  clock.value = undefined;
}

async function expectPurged(stores: Stores): Promise<void> {
  expect((await stores.transcripts.getTranscriptActivities('webchat', 'oud')).items).toEqual([]);
  expect((await stores.transcripts.getTranscriptActivities('webchat', 'nieuw')).items.map((item) => item.id)).toEqual(['nieuw-1', 'nieuw-2']);
  expect(await stores.cases.get('closed-old')).toBeUndefined();
  expect(await stores.cases.get('closed-new')).toBeDefined();
  // An escalated case nobody closed is removed after the same quiet period; a recent open one stays.
  expect(await stores.cases.get('open-old')).toBeUndefined();
  expect(await stores.cases.get('open-new')).toBeDefined();
  expect(await stores.console.listNotes('closed-old')).toEqual([]);
  expect(await stores.console.listNotes('open-old')).toEqual([]);
  expect(await stores.cases.claim('closed-old', 'v3', new Date())).toBe(true);
  expect(await stores.cases.claim('open-old', 'v3', new Date())).toBe(true);
  // The consent record in user state goes too when it has not been written since the cutoff.
  expect(Object.keys(await stores.storage.read(['webchat/conversations/oud/', 'webchat/users/u1/', 'webchat/conversations/nieuw/'])).sort()).toEqual([
    'webchat/conversations/nieuw/',
  ]);
  expect((await stores.console.listAudit({ caseId: 'closed-old' })).map((row) => row.at)).toEqual(['2024-06-01T00:00:00.000Z']);
  expect(await stores.volunteers.get('stopped-old')).toBeUndefined();
  expect(await stores.volunteers.get('active-new')).toBeDefined();
}

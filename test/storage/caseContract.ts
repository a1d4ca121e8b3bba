import { residentKeyOf, type IntakeCase } from '../../src/cases/case';
import { eachByStatus, listByStatus, updateCase, type CaseRepository } from '../../src/cases/caseRepository';
import { intakeCase, reportCase } from './fixtures';
import { useStores, type OpenStores } from './storesContract';

/** The case repository every dialog and the console rely on. */
export function caseContract(name: string, open: OpenStores): void {
  describe(`${name}: case repository contract`, () => {
    const opened = useStores(open);
    const cases = () => opened.current.stores.cases;

    it('saves a case and reads back exactly what was saved, conversation reference and flags included', async () => {
      const value = intakeCase({
        id: 'case.$1 ü',
        channel: 'whatsapp',
        userId: '+31.6$ü',
        conversationId: '$conv.1',
        level: 'zwaar',
        urgent: true,
        flags: [{ domain: 'financien', signal: 'deurwaarder', severity: 'severe', evidence: 'de deurwaarder komt', message: 0, start: 3, end: 14 }],
        reasons: ['deurwaarder'],
        conversationRef: { '$schema': 'x', 'dotted.key': { '$ref': 1 }, conversation: { id: '$conv.1' }, nested: [[1], [2]] },
      });
      await cases().save(value);
      expect(await cases().get('case.$1 ü')).toEqual(value);
      expect(await cases().get('case')).toBeUndefined();
      expect(await cases().get('{"$gt":""}')).toBeUndefined();
    });

    it('replaces the whole case on a later save', async () => {
      const first = intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'intake' });
      await cases().save(first);
      const later = { ...first, status: 'escalated' as const, answers: { wil: 'anders' }, updatedAt: '2025-03-02T10:00:00.000Z' };
      await cases().save(later);
      expect(await cases().get('c1')).toEqual(later);
    });

    it('stores a change only over the version it was made from; a writer that read an older version is turned away', async () => {
      await cases().save(intakeCase({ id: 'v1', channel: 'webchat', userId: 'u1', conversationId: 'g1' }));
      const read = (await cases().get('v1'))!;
      expect(await cases().replace({ ...read, urgent: true }, false)).toBe(true);
      expect(await cases().replace({ ...read, askedForPerson: true }, false)).toBe(false);
      const after = (await cases().get('v1'))!;
      expect(after).toMatchObject({ urgent: true, askedForPerson: false, version: read.version + 1 });
      expect(await cases().replace({ ...after, askedForPerson: true }, false)).toBe(true);
      expect(await cases().replace({ ...after, status: 'closed' }, false)).toBe(false);
      expect(await cases().replace(intakeCase({ id: 'v1', channel: 'webchat', userId: 'u1', conversationId: 'g1' }), true)).toBe(false);
    });

    it.each([
      ['the crisis first', ['crisis', 'connector']],
      ['the connector first', ['connector', 'crisis']],
    ])('keeps both changes when two writers read the same version (%s writes first)', async (_order, order) => {
      await cases().save(intakeCase({ id: 'both', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'claimed', claimedBy: 'anna' }));
      // Both read before either writes: the gate holds each reader until both have read.
      const gate = gatedReads(cases(), 2);
      const changes: Record<string, (current: IntakeCase) => IntakeCase> = {
        crisis: (current) => ({ ...current, level: 'crisis', urgent: true, flags: [...current.flags, { domain: 'veiligheid', signal: 'suicidal', severity: 'crisis', evidence: 'ik wil dood', message: 0, start: 0, end: 11 }] }),
        connector: (current) => ({ ...current, lastConnectorReplyAt: '2025-03-04T10:00:00.000Z', awaitingReplySince: undefined }),
      };
      // Released together, the writers write in the order they were started; the later one finds a newer version and retries.
      await Promise.all(order.map((which) => updateCase(gate.repository, 'both', changes[which])));
      const stored = (await cases().get('both'))!;
      expect(stored).toMatchObject({ level: 'crisis', urgent: true, lastConnectorReplyAt: '2025-03-04T10:00:00.000Z' });
      expect(stored.flags.map((flag) => flag.signal)).toEqual(['suicidal']);
    });

    it('a change made on a case the caller read before another writer came is retried on what is stored now', async () => {
      await cases().save(intakeCase({ id: 'stale', channel: 'webchat', userId: 'u1', conversationId: 'g1' }));
      const readEarlier = (await cases().get('stale'))!;
      await updateCase(cases(), 'stale', (current) => ({ ...current, askedForPerson: true }));
      const stored = await updateCase(cases(), 'stale', (current) => ({ ...current, urgent: true }), undefined, readEarlier);
      expect(stored).toMatchObject({ urgent: true, askedForPerson: true, version: readEarlier.version + 2 });
      expect(await cases().get('stale')).toMatchObject({ urgent: true, askedForPerson: true, version: readEarlier.version + 2 });
    });

    it('concurrent first saves of one case leave exactly one case', async () => {
      const base = intakeCase({ id: 'gelijk', channel: 'webchat', userId: 'u1', conversationId: 'g1' });
      await Promise.all(Array.from({ length: 8 }, (_, i) => cases().save({ ...base, reasons: [`r${i}`] })));
      expect(await cases().listByResident(base.residentKey)).toHaveLength(1);
    });

    it('refuses an invalid case', async () => {
      await expect(cases().save({ id: '' } as never)).rejects.toThrow();
    });

    it('finds the active (not closed) case of a conversation, newest first', async () => {
      await cases().save(intakeCase({ id: 'old', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'closed', createdAt: '2025-01-01T00:00:00.000Z' }));
      expect(await cases().findActiveByConversation('webchat', 'g1')).toBeUndefined();
      await cases().save(intakeCase({ id: 'a', channel: 'webchat', userId: 'u1', conversationId: 'g1', createdAt: '2025-02-01T00:00:00.000Z' }));
      await cases().save(intakeCase({ id: 'b', channel: 'webchat', userId: 'u1', conversationId: 'g1', createdAt: '2025-02-02T00:00:00.000Z' }));
      await cases().save(intakeCase({ id: 'other', channel: 'msteams', userId: 'u1', conversationId: 'g1', createdAt: '2025-03-01T00:00:00.000Z' }));
      expect((await cases().findActiveByConversation('webchat', 'g1'))?.id).toBe('b');
      expect(await cases().findActiveByConversation('webchat', '{"$ne":null}')).toBeUndefined();
    });

    it('lists by status and by resident in order of creation', async () => {
      await cases().save(intakeCase({ id: 'c3', channel: 'webchat', userId: 'u1', conversationId: 'g3', status: 'escalated', urgent: true, createdAt: '2025-01-03T00:00:00.000Z' }));
      await cases().save(intakeCase({ id: 'c1', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'open', createdAt: '2025-01-01T00:00:00.000Z' }));
      await cases().save(intakeCase({ id: 'c2', channel: 'webchat', userId: 'u2', conversationId: 'g2', status: 'closed', createdAt: '2025-01-02T00:00:00.000Z' }));
      expect((await listByStatus(cases(), ['open', 'escalated'])).map((value) => value.id)).toEqual(['c1', 'c3']);
      expect(await listByStatus(cases(), [])).toEqual([]);
      expect((await cases().listByResident(residentKeyOf('webchat', 'u1'))).map((value) => value.id)).toEqual(['c1', 'c3']);
      expect(await cases().listByResident(residentKeyOf('msteams', 'u1'))).toEqual([]);
    });

    it('pages through cases by status: every case once, in order, also with equal creation times and a status changing mid-way', async () => {
      const sameTime = '2025-04-01T08:00:00.000Z';
      for (let n = 0; n < 7; n++) {
        // Three share one creation time, so only the id can order them across a page boundary.
        const createdAt = n < 3 ? sameTime : `2025-04-0${n}T09:00:00.000Z`;
        await cases().save(intakeCase({ id: `p${n}`, channel: 'webchat', userId: `u${n}`, conversationId: `g${n}`, status: 'open', createdAt }));
      }
      await cases().save(intakeCase({ id: 'pz-closed', channel: 'webchat', userId: 'u9', conversationId: 'g9', status: 'closed', createdAt: sameTime }));
      const seen: string[] = [];
      // Waiting work (a resident's turn) gets the event loop between pages, also on a store that answers synchronously.
      let loopTurned = false;
      setImmediate(() => (loopTurned = true));
      const turnedBefore: boolean[] = [];
      for await (const value of eachByStatus(cases(), ['open'], 2)) {
        seen.push(value.id);
        turnedBefore.push(loopTurned);
        // A case leaving the status while the listing runs moves no other case in or out of a page.
        if (value.id === 'p1') await updateCase(cases(), 'p2', (current) => ({ ...current, status: 'closed' }));
      }
      expect(seen).toEqual(['p0', 'p1', 'p3', 'p4', 'p5', 'p6']);
      expect(turnedBefore.slice(2)).toEqual([true, true, true, true]);
      expect((await cases().pageByStatus(['open', 'closed'], { createdAt: sameTime, id: 'p0' }, 3)).map((value) => value.id)).toEqual(['p1', 'p2', 'pz-closed']);
      expect(await cases().pageByStatus(['open'], { createdAt: '2025-04-01T08:00:00.000Z', id: '{"$gt":""}' }, 10)).toHaveLength(4);
    });

    it('keeps the handoff state of a case: team, times, claim, outcome, safety answer', async () => {
      const value = intakeCase({
        id: 'handoff-1',
        channel: 'webchat',
        userId: 'u1',
        conversationId: 'g1',
        status: 'closed',
        team: 'bospolder-tussendijken',
        escalatedAt: '2025-03-01T09:05:00.000Z',
        claimedBy: 'verbinder-1',
        claimedAt: '2025-03-01T09:10:00.000Z',
        lastResidentMessageAt: '2025-03-01T09:12:00.000Z',
        awaitingReplySince: '2025-03-01T09:12:00.000Z',
        lastConnectorReplyAt: '2025-03-01T09:11:00.000Z',
        outcome: 'doorverwezen',
        outcomeDetail: 'Schuldhulp Rotterdam',
        closedAt: '2025-03-01T10:00:00.000Z',
        safeToMessage: 'asked',
      });
      await cases().save(value);
      expect(await cases().get('handoff-1')).toEqual(value);
      expect(await listByStatus(cases(), ['closed'])).toEqual([value]);
      await expect(cases().save({ ...value, outcome: 'weg' as never })).rejects.toThrow();
      await expect(cases().save({ ...value, safeToMessage: 'misschien' as never })).rejects.toThrow();
    });

    it('exactly one of many concurrent claims of a case wins; released, it can be claimed again', async () => {
      await cases().save(intakeCase({ id: 'claim-me', channel: 'webchat', userId: 'u1', conversationId: 'g1', status: 'escalated' }));
      const at = new Date('2025-03-01T10:00:00.000Z');
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => cases().claim('claim-me', `verbinder-${i}`, at)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await cases().claim('claim-me', 'laatkomer', at)).toBe(false);
      await cases().releaseClaim('claim-me');
      expect(await cases().claim('claim-me', 'tweede', at)).toBe(true);
      await expect(cases().releaseClaim('never-claimed')).resolves.toBeUndefined();
    });

    it('lists the reports about one address by its key, oldest first, and nothing for another key or an intake', async () => {
      await cases().save(reportCase({ id: 'r2', channel: 'webchat', userId: 'buur2', conversationId: 'g2', addressKey: 'schiedamseweg 12b', createdAt: '2025-03-03T09:00:00.000Z' }));
      await cases().save(reportCase({ id: 'r1', channel: 'whatsapp', userId: 'buur1', conversationId: 'g1', addressKey: 'schiedamseweg 12b', createdAt: '2025-03-01T09:00:00.000Z' }));
      await cases().save(reportCase({ id: 'r3', channel: 'webchat', userId: 'buur3', conversationId: 'g3', addressKey: 'schiedamseweg 12a' }));
      await cases().save(reportCase({ id: 'r4', channel: 'webchat', userId: 'buur4', conversationId: 'g4' }));
      await cases().save(intakeCase({ id: 'i1', channel: 'webchat', userId: 'buur1', conversationId: 'g5' }));
      expect((await cases().listReportsAt('schiedamseweg 12b')).map((value) => value.id)).toEqual(['r1', 'r2']);
      expect(await cases().listReportsAt('schiedamseweg 12')).toEqual([]);
      expect(await cases().listReportsAt('{"$gt":""}')).toEqual([]);
      expect((await cases().get('r2'))?.report).toMatchObject({ kind: 'geluid', place: { key: 'schiedamseweg 12b' } });
    });

    it('keeps a report linked to its address through a versioned change', async () => {
      await cases().save(reportCase({ id: 'rv', channel: 'webchat', userId: 'buur', conversationId: 'g1', addressKey: 'flat de hoek-4' }));
      await updateCase(cases(), 'rv', (current) => ({ ...current, status: 'claimed', claimedBy: 'anna' }));
      expect(await cases().listReportsAt('flat de hoek-4')).toMatchObject([{ id: 'rv', status: 'claimed' }]);
    });
  });
}

/**
 * A repository whose first `readers` reads wait for each other, so the writers that follow all start
 * from the same version: the interleaving that loses an update without versions.
 */
function gatedReads(inner: CaseRepository, readers: number) {
  let waiting = readers;
  let release!: () => void;
  const allRead = new Promise<void>((resolve) => (release = resolve));
  const repository: CaseRepository = Object.assign(Object.create(inner) as CaseRepository, {
    async get(id: string) {
      const value = await inner.get(id);
      if (waiting > 0) {
        waiting--;
        if (waiting === 0) release();
        await allRead;
      }
      return value;
    },
  });
  return { repository };
}

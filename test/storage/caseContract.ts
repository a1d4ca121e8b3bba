import { residentKeyOf } from '../../src/cases/case';
import { intakeCase } from './fixtures';
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
      expect((await cases().listByStatus(['open', 'escalated'])).map((value) => value.id)).toEqual(['c1', 'c3']);
      expect(await cases().listByStatus([])).toEqual([]);
      expect((await cases().listByResident(residentKeyOf('webchat', 'u1'))).map((value) => value.id)).toEqual(['c1', 'c3']);
      expect(await cases().listByResident(residentKeyOf('msteams', 'u1'))).toEqual([]);
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
      expect(await cases().listByStatus(['closed'])).toEqual([value]);
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
  });
}

import type { ConnectorAccount } from '../../src/connectors/consoleRepository';
import { useStores, type OpenStores } from './storesContract';

function account(overrides: Partial<ConnectorAccount> = {}): ConnectorAccount {
  return { id: 'c-1', username: 'anna.de-vries', displayName: 'Anna de Vries', team: 'bospolder', passwordHash: '$argon2id$v=19$x', createdAt: '2025-03-01T09:00:00.000Z', ...overrides };
}

/** Connector accounts, the audit log and private notes, as the console relies on them. */
export function consoleContract(name: string, open: OpenStores): void {
  describe(`${name}: console repository contract`, () => {
    const opened = useStores(open);
    const repo = () => opened.current.stores.console;

    it('stores an account and finds it by username and by id; a query object is only ever a value', async () => {
      expect(await repo().addConnector(account())).toBe(true);
      expect(await repo().findConnectorByUsername('anna.de-vries')).toEqual(account());
      expect(await repo().getConnector('c-1')).toEqual(account());
      expect(await repo().findConnectorByUsername('anna')).toBeUndefined();
      expect(await repo().getConnector('{"$gt":""}')).toBeUndefined();
      await expect(repo().findConnectorByUsername({ $gt: '' } as unknown as string)).rejects.toThrow();
    });

    it('finds an account by its Teams object id in any case; an id two accounts share maps to nobody', async () => {
      const teams = '6F1C2B3A-0D4E-4F5A-9B8C-7D6E5F4A3B2C';
      expect(await repo().addConnector(account({ teamsAadObjectId: teams.toLowerCase() }))).toBe(true);
      expect(await repo().addConnector(account({ id: 'c-2', username: 'bram' }))).toBe(true);
      expect((await repo().findConnectorByTeamsId(teams))?.id).toBe('c-1');
      expect(await repo().findConnectorByTeamsId('00000000-0000-0000-0000-000000000000')).toBeUndefined();
      await expect(repo().findConnectorByTeamsId({ $ne: '' } as unknown as string)).rejects.toThrow();
      // Linked later, by an update: the lookup follows it, and two accounts with one id are ambiguous.
      expect(await repo().updateConnector({ ...account({ id: 'c-2', username: 'bram' }), teamsAadObjectId: teams.toLowerCase() })).toBe(true);
      expect(await repo().findConnectorByTeamsId(teams)).toBeUndefined();
      expect(await repo().updateConnector(account())).toBe(true);
      expect((await repo().findConnectorByTeamsId(teams))?.username).toBe('bram');
    });

    it('of many concurrent accounts with one username exactly one is created', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => repo().addConnector(account({ id: `c-${i}`, displayName: `Anna ${i}` }))));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = await repo().findConnectorByUsername('anna.de-vries');
      expect(winner?.id).toBe(`c-${results.indexOf(true)}`);
    });

    it('keeps the audit log in order and filters it by case and by connector', async () => {
      const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 9, minute)).toISOString();
      await repo().recordAudit({ at: at(0), connectorId: 'c-1', action: 'login', result: 'ok' });
      await repo().recordAudit({ at: at(1), connectorId: 'c-1', action: 'view', caseId: 'case-1', result: 'ok' });
      await repo().recordAudit({ at: at(1), connectorId: 'c-1', action: 'claim', caseId: 'case-1', result: 'ok' });
      await repo().recordAudit({ at: at(2), connectorId: 'c-2', action: 'view', caseId: 'case-1', result: 'wrong-team' });
      await repo().recordAudit({ at: at(3), connectorId: 'c-2', action: 'view', caseId: 'case-2', result: 'ok' });
      expect((await repo().listAudit({ caseId: 'case-1' })).map((entry) => [entry.connectorId, entry.action, entry.result])).toEqual([
        ['c-1', 'view', 'ok'],
        ['c-1', 'claim', 'ok'],
        ['c-2', 'view', 'wrong-team'],
      ]);
      expect(await repo().listAudit({ connectorId: 'c-1' })).toEqual([
        { at: at(0), connectorId: 'c-1', action: 'login', result: 'ok' },
        { at: at(1), connectorId: 'c-1', action: 'view', caseId: 'case-1', result: 'ok' },
        { at: at(1), connectorId: 'c-1', action: 'claim', caseId: 'case-1', result: 'ok' },
      ]);
      expect(await repo().listAudit({})).toHaveLength(5);
    });

    it('keeps notes per case, oldest first', async () => {
      const note = (id: string, caseId: string, minute: number) => ({ id, caseId, connectorId: 'c-1', text: `notitie ${id} <b>$x</b>`, at: new Date(Date.UTC(2025, 2, 1, 9, minute)).toISOString() });
      await repo().addNote(note('n2', 'case-1', 5));
      await repo().addNote(note('n1', 'case-1', 1));
      await repo().addNote(note('n3', 'case-2', 2));
      expect(await repo().listNotes('case-1')).toEqual([note('n1', 'case-1', 1), note('n2', 'case-1', 5)]);
      expect(await repo().listNotes('case-3')).toEqual([]);
    });
  });
}

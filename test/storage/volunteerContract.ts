import { residentKeyOf } from '../../src/cases/case';
import { volunteer } from './fixtures';
import { useStores, type OpenStores } from './storesContract';

/** Volunteers as the sign-up and the coordinator's console rely on them. */
export function volunteerContract(name: string, open: OpenStores): void {
  describe(`${name}: volunteer repository contract`, () => {
    const opened = useStores(open);
    const repo = () => opened.current.stores.volunteers;

    it('stores a volunteer and finds them by id, by key and in their team, by name', async () => {
      const fatma = volunteer({ id: 'v-1', channel: 'whatsapp', userId: '+31 6 🙂', name: 'Fatma', area: { given: '<b>Hudson</b>straat "$gt"' } });
      await repo().save(fatma);
      await repo().save(volunteer({ id: 'v-2', channel: 'webchat', userId: 'u2', name: 'Ans' }));
      await repo().save(volunteer({ id: 'v-3', channel: 'webchat', userId: 'u3', name: 'Zoë', team: 'charlois' }));
      expect(await repo().get('v-1')).toEqual(fatma);
      expect(await repo().findByKey(residentKeyOf('whatsapp', '+31 6 🙂'))).toEqual(fatma);
      expect((await repo().listByTeam('bospolder-tussendijken')).map((value) => value.name)).toEqual(['Ans', 'Fatma']);
      expect(await repo().get('nobody')).toBeUndefined();
      expect(await repo().listByTeam('nowhere')).toEqual([]);
    });

    it('a second save of the same volunteer replaces the first; a query object is only ever a value', async () => {
      await repo().save(volunteer({ id: 'v-1', channel: 'webchat', userId: 'u1' }));
      await repo().save(volunteer({ id: 'v-1', channel: 'webchat', userId: 'u1', status: 'paused', updatedAt: '2025-05-01T00:00:00.000Z' }));
      expect(await repo().get('v-1')).toMatchObject({ status: 'paused', updatedAt: '2025-05-01T00:00:00.000Z' });
      expect(await repo().listByTeam('bospolder-tussendijken')).toHaveLength(1);
      await expect(repo().get({ $ne: '' } as unknown as string)).rejects.toThrow();
      await expect(repo().findByKey({ $gt: '' } as unknown as string)).rejects.toThrow();
    });

    it('refuses a volunteer that does not have the stored shape', async () => {
      await expect(repo().save({ ...volunteer({ id: 'v-1', channel: 'webchat', userId: 'u1' }), status: 'weg' as never })).rejects.toThrow();
      expect(await repo().get('v-1')).toBeUndefined();
    });

    it('the audit log can name a volunteer, and is searched by them', async () => {
      const row = { at: '2025-04-10T02:00:00.000Z', connectorId: 'cora', action: 'screening' as const, result: 'ok', volunteerId: 'v-1' };
      await opened.current.stores.console.recordAudit(row);
      await opened.current.stores.console.recordAudit({ ...row, volunteerId: 'v-2' });
      expect(await opened.current.stores.console.listAudit({ volunteerId: 'v-1' })).toEqual([row]);
    });
  });
}

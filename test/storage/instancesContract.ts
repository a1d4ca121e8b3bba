import type { StoredSession } from '../../src/connectors/sessionRepository';
import type { BusEvent } from '../../src/instances/ports';
import { useStores, type OpenStores } from './storesContract';

const HOUR = 60 * 60 * 1000;

function session(key: string, connectorId: string, at: number, extra: Partial<StoredSession> = {}): StoredSession {
  return { key, connector: { id: connectorId, displayName: `Verbinder ${connectorId}`, team: 'noord' }, csrfToken: `csrf-${key}`, createdAt: at, expiresAt: at + 10 * HOUR, lastUsedAt: at, ...extra };
}

/** Console sessions, the event bus, leases and the per-key guard: what instances on one store share. */
export function instancesContract(name: string, open: OpenStores): void {
  describe(`${name}: console sessions`, () => {
    const opened = useStores(open);
    const at = Date.parse('2025-03-04T10:00:00Z');

    it('keeps a session as written, moves its last use forward only, and forgets it when deleted', async () => {
      const { sessions } = opened.current.stores;
      await sessions.putSession(session('k1', 'c1', at));
      expect(await sessions.getSession('k1')).toEqual(session('k1', 'c1', at));
      await sessions.touchSession('k1', at + 5000);
      await sessions.touchSession('k1', at + 1000);
      expect((await sessions.getSession('k1'))?.lastUsedAt).toBe(at + 5000);
      await sessions.deleteSession('k1');
      expect(await sessions.getSession('k1')).toBeUndefined();
      expect(await sessions.getSession('never')).toBeUndefined();
    });

    it("ends all of one connector's sessions and only theirs", async () => {
      const { sessions } = opened.current.stores;
      for (const [key, connector] of [['a1', 'a'], ['a2', 'a'], ['b1', 'b']]) await sessions.putSession(session(key, connector, at));
      expect((await sessions.deleteSessionsOf('a')).sort()).toEqual(['a1', 'a2']);
      expect(await sessions.getSession('a1')).toBeUndefined();
      expect(await sessions.getSession('b1')).toBeDefined();
    });

    it('removes sessions past their absolute end or idle for too long, and keeps the rest', async () => {
      const { sessions } = opened.current.stores;
      await sessions.putSession(session('old', 'a', at - 11 * HOUR));
      await sessions.putSession(session('idle', 'a', at - HOUR));
      await sessions.putSession(session('busy', 'a', at - HOUR, { lastUsedAt: at - 60_000 }));
      expect((await sessions.deleteExpiredSessions(at, 30 * 60 * 1000)).sort()).toEqual(['idle', 'old']);
      expect((await sessions.getSession('busy'))?.key).toBe('busy');
    });

    it('stores a digest key and ids only: a body with HTML, quotes and unicode round-trips', async () => {
      const { sessions } = opened.current.stores;
      const odd = session('k$.é', 'c"<script>', at, { connector: { id: 'c"<script>', displayName: '<b>Zoë</b> "O\'Neil"', team: 'wijk.$noord' } });
      await sessions.putSession(odd);
      expect(await sessions.getSession('k$.é')).toEqual(odd);
    });
  });

  describe(`${name}: event bus, leases and guard`, () => {
    const opened = useStores(open);

    it('delivers published events to its own listeners in order, each once, with increasing ids', async () => {
      const { bus } = opened.current.stores;
      const seen: BusEvent[] = [];
      const stop = bus.subscribe('t', (event) => seen.push(event));
      const published = [];
      for (const n of [1, 2, 3]) published.push(await bus.publish('t', { n }));
      await bus.publish('other', { n: 9 });
      expect(seen.map((event) => event.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(seen.map((event) => event.id)).toEqual(published.map((event) => event.id));
      expect(published[0].id < published[1].id && published[1].id < published[2].id).toBe(true);
      stop();
      await bus.publish('t', { n: 4 });
      expect(seen).toHaveLength(3);
      expect(bus.health().ok).toBe(true);
    });

    it('grants a lease to its holder and renews it', async () => {
      const { leases } = opened.current.stores;
      const until = new Date(Date.now() + 30_000);
      expect(await leases.acquire('timers', 'me', until)).toBe(true);
      expect(await leases.acquire('timers', 'me', new Date(until.getTime() + 10_000))).toBe(true);
      await leases.release('timers', 'me');
    });

    it('runs tasks on one key one at a time, and tasks on other keys alongside', async () => {
      const { guard } = opened.current.stores;
      const log: string[] = [];
      const task = (name: string) => async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`${name} end`);
        return name;
      };
      const results = await Promise.all([guard.run('case-1', task('a')), guard.run('case-1', task('b')), guard.run('case-2', task('c'))]);
      expect(results).toEqual(['a', 'b', 'c']);
      expect(log.indexOf('a end')).toBeLessThan(log.indexOf('b start'));
      await expect(guard.run('case-1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await guard.run('case-1', async () => 'after a failure')).toBe('after a failure');
    });
  });
}

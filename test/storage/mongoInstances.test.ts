import type { BusEvent } from '../../src/instances/ports';
import { createLogger } from '../../src/log';
import { COLLECTIONS } from '../../src/storage/mongo/collections';
import { openMongoStores, type MongoStores } from '../../src/storage/mongo/mongoStores';
import { describeWithMongo } from '../helpers/mongo';
import { waitFor } from '../helpers/process';

/** Two stores on one database stand for two instances: each its own connection, bus, leases and guard. */
describeWithMongo('MongoDB: what instances share, between two of them', (server) => {
  let clock: Date;
  let one: MongoStores;
  let two: MongoStores;
  const open = (dbName: string) => openMongoStores({ uri: server.uri, dbName, retentionDays: 365, log: createLogger('silent'), now: () => clock, eventPollMs: 20 });

  beforeEach(async () => {
    clock = new Date('2025-03-04T10:00:00Z');
    const name = server.newDatabaseName('instances');
    [one, two] = await Promise.all([open(name), open(name)]);
  });
  afterEach(async () => {
    await one.db.dropDatabase().catch(() => undefined);
    await Promise.all([one.close(), two.close()]);
  });

  it('delivers every event of both instances to both, once each, in one order', async () => {
    const seen: Record<'one' | 'two', BusEvent[]> = { one: [], two: [] };
    one.bus.subscribe('t', (event) => seen.one.push(event));
    two.bus.subscribe('t', (event) => seen.two.push(event));
    // Let both readers start before anything is published (they read only what comes after).
    await waitFor(async () => one.bus.health().lastReadAt !== undefined && two.bus.health().lastReadAt !== undefined, 5000);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).bus.publish('t', { i })));
    await waitFor(async () => seen.one.length >= 20 && seen.two.length >= 20, 10_000);
    for (const events of [seen.one, seen.two]) {
      expect(events).toHaveLength(20);
      expect(new Set(events.map((event) => (event.payload as { i: number }).i)).size).toBe(20);
    }
    // The ids are the same everywhere and leave no gap: an id exists only once an event holds it.
    const ids = (events: BusEvent[]) => events.map((event) => event.id).sort((x, y) => x - y);
    expect(ids(seen.one)).toEqual(ids(seen.two));
    expect(ids(seen.one)).toEqual(Array.from({ length: 20 }, (_, i) => ids(seen.one)[0] + i));
    // The reader delivers in id order; only an instance's own events may come before the others' (no waiting for its own).
    const fromLog = seen.two.filter((event) => (event.payload as { i: number }).i % 2 === 1).map((event) => event.id);
    expect(fromLog).toEqual([...fromLog].sort((x, y) => x - y));
  });

  it('skips a stored event that is not well-formed, and goes on with the next', async () => {
    const seen: unknown[] = [];
    two.bus.subscribe('t', (event) => seen.push(event.payload));
    await waitFor(async () => two.bus.health().lastReadAt !== undefined, 5000);
    const first = await one.bus.publish('t', { n: 1 });
    await one.db.collection(COLLECTIONS.events).insertOne({ _id: (first.id + 1) as never, topic: 't', at: clock, body: '{not json' });
    await one.db.collection(COLLECTIONS.events).insertOne({ _id: (first.id + 2) as never, topic: 42, at: clock, body: '{}' } as never);
    await one.bus.publish('t', { n: 2 });
    await waitFor(async () => seen.length >= 2, 5000);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('forgets the stored events about one scope, and prunes old ones but never the newest', async () => {
    await one.bus.publish('t', { a: 1 }, { scope: 'case-1' });
    await one.bus.publish('t', { b: 1 }, { scope: 'case-2' });
    const last = await one.bus.publish('t', { c: 'the newest, about case-1' }, { scope: 'case-1' });
    await one.bus.forget('case-1');
    const events = one.db.collection(COLLECTIONS.events);
    expect(await events.countDocuments({ scope: 'case-1' })).toBe(0);
    expect(JSON.stringify(await events.find().toArray())).not.toMatch(/"a"|the newest/);
    expect(await events.countDocuments({ scope: 'case-2' })).toBe(1);
    clock = new Date(clock.getTime() + 60 * 60 * 1000);
    expect(await one.bus.prune(clock)).toBe(2);
    expect(await events.countDocuments()).toBe(1);
    // Another instance that has read nothing yet still publishes after the newest id, never into a pruned one.
    expect((await two.bus.publish('t', { d: 1 })).id).toBe(last.id + 1);
  });

  it('gives a lease to exactly one of two instances, renews it for the holder, and lets exactly one take it over after it expired', async () => {
    const until = (ms: number) => new Date(clock.getTime() + ms);
    const first = await Promise.all([one.leases.acquire('timers', 'one', until(30_000)), two.leases.acquire('timers', 'two', until(30_000))]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const [holder, other] = first[0] ? (['one', 'two'] as const) : (['two', 'one'] as const);
    const leasesOf = { one: one.leases, two: two.leases };
    expect(await leasesOf[holder].acquire('timers', holder, until(40_000))).toBe(true);
    expect(await leasesOf[other].acquire('timers', other, until(40_000))).toBe(false);

    clock = until(41_000);
    const takeover = await Promise.all([leasesOf[other].acquire('timers', other, until(30_000)), leasesOf[other].acquire('timers', `${other}-again`, until(30_000))]);
    expect(takeover.filter(Boolean)).toHaveLength(1);
    // The old holder finds a newer term: it no longer holds the lease.
    expect(await leasesOf[holder].acquire('timers', holder, until(30_000))).toBe(false);
    await leasesOf[other].release('timers', takeover[0] ? other : `${other}-again`);
    expect(await leasesOf[holder].acquire('timers', holder, until(30_000))).toBe(true);
  });

  it('runs tasks on one case one at a time across two instances, and takes over a guard whose holder died', async () => {
    let inside = 0;
    let most = 0;
    const task = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).guard.run('case-1', task)));
    expect(most).toBe(1);

    // A process killed while holding the guard leaves it behind; it is taken over once past its time.
    await one.db.collection(COLLECTIONS.guards).insertOne({ _id: 'case-2' as never, token: 'dead', until: new Date(clock.getTime() + 60_000) });
    const waiting = two.guard.run('case-2', async () => 'ran');
    clock = new Date(clock.getTime() + 61_000);
    expect(await waiting).toBe('ran');
  });
});

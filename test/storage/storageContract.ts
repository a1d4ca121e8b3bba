import type { OpenStores } from './storesContract';
import { useStores } from './storesContract';

/** botbuilder's storage contract (after botbuilder-core's storageBaseTests), run against every store. */
export function storageContract(name: string, open: OpenStores): void {
  describe(`${name}: botbuilder Storage contract`, () => {
    const opened = useStores(open);
    const storage = () => opened.current.stores.storage;

    it('returns an empty object for unknown keys and leaves missing keys out of reads', async () => {
      expect(await storage().read(['nope'])).toEqual({});
      expect(await storage().read([])).toEqual({});
      await storage().write({ here: { value: 1 } });
      expect(Object.keys(await storage().read(['here', 'missing']))).toEqual(['here']);
    });

    it('creates, reads back with an eTag, updates and deletes', async () => {
      await storage().write({ a: { count: 1, nested: { list: [1, 'twee', null] } } });
      const first = await storage().read(['a']);
      expect(first.a).toMatchObject({ count: 1, nested: { list: [1, 'twee', null] } });
      expect(typeof first.a.eTag).toBe('string');
      await storage().write({ a: { ...first.a, count: 2 } });
      const second = await storage().read(['a']);
      expect(second.a.count).toBe(2);
      expect(second.a.eTag).not.toBe(first.a.eTag);
      await storage().delete(['a']);
      expect(await storage().read(['a'])).toEqual({});
    });

    it('rejects a write with a stale eTag and keeps the stored value', async () => {
      await storage().write({ k: { v: 'eerste' } });
      const stale = (await storage().read(['k'])).k;
      await storage().write({ k: { ...stale, v: 'tweede' } });
      await expect(storage().write({ k: { ...stale, v: 'derde' } })).rejects.toThrow('Storage: error writing "k" due to eTag conflict.');
      expect((await storage().read(['k'])).k.v).toBe('tweede');
    });

    it('writes a new key whatever eTag it carries, as MemoryStorage does', async () => {
      await storage().write({ fresh: { v: 1, eTag: 'made-up' } });
      expect((await storage().read(['fresh'])).fresh.v).toBe(1);
    });

    it('a deleted key can be written again with the eTag it had', async () => {
      await storage().write({ k: { v: 1 } });
      const before = (await storage().read(['k'])).k;
      await storage().delete(['k']);
      await storage().write({ k: { ...before, v: 2 } });
      expect((await storage().read(['k'])).k.v).toBe(2);
    });

    it('lets "*" and a missing eTag overwrite whatever is stored', async () => {
      await storage().write({ k: { v: 1 } });
      await storage().write({ k: { v: 2, eTag: '*' } });
      expect((await storage().read(['k'])).k.v).toBe(2);
      await storage().write({ k: { v: 3 } });
      expect((await storage().read(['k'])).k.v).toBe(3);
    });

    it('writes a batch as a whole: one conflict stores none of it', async () => {
      await storage().write({ x: { v: 1 } });
      const stale = (await storage().read(['x'])).x;
      await storage().write({ x: { ...stale, v: 2 } });
      await expect(storage().write({ y: { v: 'nieuw' }, x: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
      expect(await storage().read(['y'])).toEqual({});
    });

    it('exactly one of many concurrent writers with the same eTag wins; the rest get an eTag conflict', async () => {
      // Several rounds of 30: on FerretDB a bare conditional update lets several writers win in almost every round.
      for (let round = 0; round < 5; round++) {
        const key = `race-${round}`;
        await storage().write({ [key]: { v: 0 } });
        const { eTag } = (await storage().read([key]))[key];
        const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => storage().write({ [key]: { v: i + 1, eTag } })));
        const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i + 1] : []));
        expect(winners).toHaveLength(1);
        for (const result of results) if (result.status === 'rejected') expect(String(result.reason)).toMatch(/eTag conflict/);
        const final = (await storage().read([key]))[key];
        expect(final.v).toBe(winners[0]);
        expect(final.eTag).not.toBe(eTag);
      }
    });

    it('concurrent writers without an eTag all succeed and leave one of their values', async () => {
      const values = Array.from({ length: 8 }, (_, i) => i);
      await Promise.all(values.map((v) => storage().write({ open: { v } })));
      expect(values).toContain((await storage().read(['open'])).open.v);
    });

    it('stores keys full of special characters, and values with $ and dotted keys, exactly', async () => {
      const keys = ['$where', 'a.b.c', 'emoji 🙂/ü/ß', "quote ' \" \\ %_", 'whatsapp/users/+31612345678', '{"$gt":""}', '$', '.', ''];
      const value = {
        '$schema': 'http://adaptivecards.io/schemas/adaptive-card.json',
        'dotted.key': { '$ref': 'x', '': 'empty key' },
        nested: [[1, [2]], [], [{ '$in': [] }]],
        text: '<script>alert(1)</script>',
        zero: 0,
      };
      for (const key of keys) await storage().write({ [key]: { ...value, key } });
      const read = await storage().read(keys);
      expect(Object.keys(read).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const { eTag, ...rest } = read[key];
        expect(typeof eTag).toBe('string');
        expect(rest).toEqual({ ...value, key });
      }
      expect(await storage().read(['.*', '^', '{"$ne":null}'])).toEqual({});
      await storage().delete(['a.b.c', '$where']);
      expect(Object.keys(await storage().read(keys)).sort()).toEqual(keys.filter((key) => key !== 'a.b.c' && key !== '$where').sort());
    });

    it('refuses a key that is not a string rather than using it as a query', async () => {
      const operator = { $gt: '' } as unknown as string;
      await storage().write({ real: { v: 1 } });
      await expect(storage().read([operator])).rejects.toThrow();
      await expect(storage().delete([operator])).rejects.toThrow();
      expect((await storage().read(['real'])).real.v).toBe(1);
    });

    it('deleting an unknown key is not an error', async () => {
      await expect(storage().delete(['never-written'])).resolves.toBeUndefined();
    });

    it('requires keys and changes like botbuilder does', async () => {
      await expect(storage().read(undefined as unknown as string[])).rejects.toThrow(ReferenceError);
      await expect(storage().write(undefined as never)).rejects.toThrow(ReferenceError);
      await expect(storage().delete(undefined as unknown as string[])).rejects.toThrow(ReferenceError);
    });
  });
}

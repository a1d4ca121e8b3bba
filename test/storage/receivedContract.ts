import { useStores, type OpenStores } from './storesContract';

/** A redelivered message is recognised once and for all: in parallel, per channel, and gone with retention. */
export function receivedContract(name: string, open: OpenStores): void {
  describe(`${name}: received message ids`, () => {
    const opened = useStores(open);
    const received = () => opened.current.stores.received;
    const at = new Date('2025-03-01T10:00:00.000Z');

    it('says first only once for the same id, even when deliveries race', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => received().firstDelivery('whatsapp', 'wamid.ABC', at)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await received().firstDelivery('whatsapp', 'wamid.ABC', at)).toBe(false);
      expect(await received().firstDelivery('whatsapp', 'wamid.ABD', at)).toBe(true);
      expect(await received().firstDelivery('emulator', 'wamid.ABC', at)).toBe(true);
    });

    it('keeps no message id as it came in (it encodes a phone number), and forgets ids past retention', async () => {
      await received().firstDelivery('whatsapp', 'wamid.HBgLMzE2MTIzNDU2Nzg', at);
      expect(JSON.stringify(await opened.current.dumpAll())).not.toContain('HBgLMzE2MTIzNDU2Nzg');
      const report = await opened.current.stores.residents.purgeOlderThan(new Date('2025-03-02T00:00:00.000Z'), new Date(0));
      expect(report.receivedMessages).toBe(1);
      expect(await received().firstDelivery('whatsapp', 'wamid.HBgLMzE2MTIzNDU2Nzg', at)).toBe(true);
    });
  });
}

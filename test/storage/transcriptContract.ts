import type { Activity, TranscriptStore } from 'botbuilder';
import { TRANSCRIPT_PAGE_SIZE } from '../../src/storage/transcriptPaging';
import { asJson, message } from './fixtures';
import { useStores, type OpenStores } from './storesContract';

const START = Date.parse('2025-05-01T08:00:00.000Z');

async function allPages(store: TranscriptStore, channelId: string, conversationId: string, startDate?: Date): Promise<{ items: Activity[]; pages: number[] }> {
  const items: Activity[] = [];
  const pages: number[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await store.getTranscriptActivities(channelId, conversationId, token, startDate);
    items.push(...page.items);
    pages.push(page.items.length);
    if (!page.continuationToken) return { items, pages };
    token = page.continuationToken;
    if (pages.length > 1000) throw new Error('paging does not end');
  }
}

/** botbuilder's TranscriptStore as botbuilder's own stores behave: pages of 20, continuation tokens, startDate. */
export function transcriptContract(name: string, open: OpenStores): void {
  describe(`${name}: botbuilder TranscriptStore contract`, () => {
    const opened = useStores(open);
    const store = () => opened.current.stores.transcripts;

    it('pages through 1,000 activities 20 at a time, in order, each exactly once', async () => {
      for (let i = 0; i < 1000; i++) {
        await store().logActivity(message({ channelId: 'webchat', conversationId: 'lang', userId: 'u1', text: `bericht ${i}`, id: `m${i}`, at: new Date(START + i * 1000), fromBot: i % 2 === 1 }));
      }
      const { items, pages } = await allPages(store(), 'webchat', 'lang');
      expect(pages).toHaveLength(1000 / TRANSCRIPT_PAGE_SIZE);
      expect(pages.every((size) => size === TRANSCRIPT_PAGE_SIZE)).toBe(true);
      expect(items.map((item) => item.id)).toEqual(Array.from({ length: 1000 }, (_, i) => `m${i}`));

      const tail = await store().getTranscriptActivities('webchat', 'lang', undefined, new Date(START + 990 * 1000));
      expect(tail.items.map((item) => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `m${990 + i}`));
      expect(tail.continuationToken || undefined).toBeUndefined();

      const half = await allPages(store(), 'webchat', 'lang', new Date(START + 500 * 1000));
      expect(half.items.map((item) => item.id)).toEqual(Array.from({ length: 500 }, (_, i) => `m${500 + i}`));
      expect(half.pages).toHaveLength(25);
    }, 120_000);

    it('orders by timestamp, and activities with the same timestamp by arrival, across page boundaries', async () => {
      const same = new Date(START);
      for (let i = 0; i < 45; i++) await store().logActivity(message({ channelId: 'webchat', conversationId: 'tegelijk', userId: 'u1', text: `t${i}`, id: `s${i}`, at: same }));
      await store().logActivity(message({ channelId: 'webchat', conversationId: 'tegelijk', userId: 'u1', text: 'eerder', id: 'early', at: new Date(START - 60_000) }));
      const { items, pages } = await allPages(store(), 'webchat', 'tegelijk');
      expect(pages).toEqual([20, 20, 6]);
      expect(items.map((item) => item.id)).toEqual(['early', ...Array.from({ length: 45 }, (_, i) => `s${i}`)]);
    });

    it('returns an empty page for an unknown conversation and refuses a garbled continuation token', async () => {
      const empty = await store().getTranscriptActivities('webchat', 'niemand');
      expect(empty.items).toEqual([]);
      expect(empty.continuationToken || undefined).toBeUndefined();
      await expect(store().getTranscriptActivities('webchat', 'niemand', 'not-a-token')).rejects.toThrow(/continuation token/);
    });

    it('stores any activity JSON exactly: Adaptive Card "$schema", dotted and $-keys, nested arrays, unicode', async () => {
      const activity = {
        ...message({ channelId: 'msteams', conversationId: 'a:1.b$c/ü🙂', userId: '29:abc.$def', text: 'Hoi 👋 — “ß” \u0000 end', at: new Date(START) }),
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { '$schema': 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', '$when': '${a.b}' }] },
          },
        ],
        channelData: { 'tenant.id': 't.1', '$type': 'x', deep: { 'a.b': { '$ref': '#/c' } }, matrix: [[1, 2], [3, [4, [5]]]], '': 'leeg', big: 12345678901234, neg: -0.5 },
        value: { $where: 'sleep(1000)', $gt: '' },
        entities: [{ type: 'mention', mentioned: { id: '$x.y' } }],
      } as unknown as Activity;
      await store().logActivity(activity);
      const page = await store().getTranscriptActivities('msteams', 'a:1.b$c/ü🙂');
      expect(page.items).toEqual([asJson(activity)]);
    });

    it('keeps channels and conversations apart, with $, . and unicode in their ids', async () => {
      const ids = ['$conv', 'conv.1', 'conv', 'gesprek ü🙂', '{"$gt":""}'];
      for (const [i, id] of ids.entries()) await store().logActivity(message({ channelId: 'whats.app$', conversationId: id, userId: 'u', text: id, id: `x${i}`, at: new Date(START + i) }));
      await store().logActivity(message({ channelId: 'other', conversationId: 'conv', userId: 'u', text: 'elders', id: 'elsewhere', at: new Date(START) }));
      for (const [i, id] of ids.entries()) expect((await store().getTranscriptActivities('whats.app$', id)).items.map((item) => item.id)).toEqual([`x${i}`]);
      expect((await store().getTranscriptActivities('other', 'conv')).items.map((item) => item.id)).toEqual(['elsewhere']);
    });

    it('lists a channel\'s conversations by id, 20 a page, with the time of their first activity', async () => {
      for (let i = 24; i >= 0; i--) {
        const conversationId = `gesprek-${String(i).padStart(2, '0')}`;
        await store().logActivity(message({ channelId: 'webchat', conversationId, userId: 'u', text: 'later', at: new Date(START + i * 60_000 + 5000) }));
        await store().logActivity(message({ channelId: 'webchat', conversationId, userId: 'u', text: 'eerst', at: new Date(START + i * 60_000) }));
      }
      await store().logActivity(message({ channelId: 'msteams', conversationId: 'gesprek-99', userId: 'u', text: 'elders', at: new Date(START) }));
      const first = await store().listTranscripts('webchat');
      expect(first.items).toHaveLength(20);
      expect(first.continuationToken).toBeTruthy();
      const second = await store().listTranscripts('webchat', first.continuationToken);
      expect(second.continuationToken || undefined).toBeUndefined();
      const all = [...first.items, ...second.items];
      expect(all.map((info) => info.id)).toEqual(Array.from({ length: 25 }, (_, i) => `gesprek-${String(i).padStart(2, '0')}`));
      all.forEach((info, i) => {
        expect(info.channelId).toBe('webchat');
        expect(new Date(info.created as Date).getTime()).toBe(START + i * 60_000);
      });
    });

    it('deletes one conversation\'s transcript and nothing else', async () => {
      await store().logActivity(message({ channelId: 'webchat', conversationId: 'weg', userId: 'u', text: 'a', at: new Date(START) }));
      await store().logActivity(message({ channelId: 'webchat', conversationId: 'blijft', userId: 'u', text: 'b', at: new Date(START) }));
      await store().deleteTranscript('webchat', 'weg');
      expect((await store().getTranscriptActivities('webchat', 'weg')).items).toEqual([]);
      expect((await store().getTranscriptActivities('webchat', 'blijft')).items).toHaveLength(1);
      expect((await store().listTranscripts('webchat')).items.map((info) => info.id)).toEqual(['blijft']);
    });
  });
}

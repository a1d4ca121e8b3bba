import type { Activity } from 'botbuilder';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { SqliteTranscriptStore } from '../../src/storage/sqlite/sqliteTranscriptStore';
import { message } from './fixtures';
import { removeDir, tempDir } from '../helpers/tempDir';
import { dumpSqlite } from './dumps';
import { storesContract } from './storesContract';

storesContract('SQLite (embedded default)', async (clock) => {
  const dir = tempDir();
  const stores = openSqliteStores(dir, clock);
  return {
    stores,
    dumpAll: async () => dumpSqlite(dir),
    close: async () => {
      await stores.close();
      removeDir(dir);
    },
  };
});

describe('SQLite transcript: a whole turn in one write', () => {
  const dir = tempDir();
  const stores = openSqliteStores(dir);
  afterAll(async () => {
    await stores.close();
    removeDir(dir);
  });
  const transcripts = stores.transcripts as SqliteTranscriptStore;
  const at = new Date('2025-05-01T08:00:00.000Z');

  it('keeps a turn in order and, when one of its messages cannot be stored, none of them', async () => {
    const turn = [message({ channelId: 'webchat', conversationId: 'beurt', userId: 'u', text: 'vraag', at }), message({ channelId: 'webchat', conversationId: 'beurt', userId: 'u', text: 'antwoord', at, fromBot: true })];
    await transcripts.logActivities(turn);
    expect((await transcripts.getTranscriptActivities('webchat', 'beurt')).items.map((item) => item.text)).toEqual(['vraag', 'antwoord']);

    const broken = { ...message({ channelId: 'webchat', conversationId: 'half', userId: 'u', text: 'kapot', at }), conversation: undefined } as unknown as Activity;
    await expect(transcripts.logActivities([message({ channelId: 'webchat', conversationId: 'half', userId: 'u', text: 'heel', at }), broken])).rejects.toThrow();
    expect((await transcripts.getTranscriptActivities('webchat', 'half')).items).toEqual([]);
  });
});

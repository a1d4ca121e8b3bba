import type { Activity } from 'botbuilder';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { SqliteTranscriptStore } from '../../src/storage/sqlite/sqliteTranscriptStore';
import { intakeCase, message } from './fixtures';
import { openSqlite } from '../../src/storage/sqlite/database';
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

describe('SQLite: a transcript from before rows were filed under residents', () => {
  it('files every row under its resident on open, past the first page, so export and erasure find them', async () => {
    const dir = tempDir();
    const before = openSqliteStores(dir);
    const rows = 1_001;
    for (let i = 0; i < rows; i++) {
      await before.transcripts.logActivity(message({ channelId: 'webchat', conversationId: 'g', userId: 'u', text: `bericht ${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), fromBot: i % 2 === 1 }));
    }
    await before.close();
    const raw = openSqlite(dir);
    raw.exec('DROP INDEX transcript_resident; ALTER TABLE transcript DROP COLUMN resident_id;');
    raw.close();
    const after = openSqliteStores(dir);
    try {
      expect((await after.residents.exportResident('webchat', 'u')).transcripts).toHaveLength(rows);
    } finally {
      await after.close();
      removeDir(dir);
    }
  });
});

describe('SQLite: a database from before the figures', () => {
  it('gets the figures columns on open, and its cases are counted', async () => {
    const dir = tempDir();
    const before = openSqliteStores(dir);
    await before.cases.save(intakeCase({ id: 'old', channel: 'webchat', userId: 'u', conversationId: 'g', createdAt: '2026-03-25T10:00:00.000Z', team: 'noord', level: 'zwaar' }));
    await before.close();
    // The table as the code before the figures made it.
    const raw = openSqlite(dir);
    raw.exec('DROP INDEX cases_team_week; ALTER TABLE cases DROP COLUMN measures; ALTER TABLE cases DROP COLUMN week; ALTER TABLE cases DROP COLUMN team;');
    raw.close();
    const after = openSqliteStores(dir);
    try {
      expect(await after.figures.sums({ teams: ['noord'], fromWeek: '2026-W01', toWeek: '2026-W52' })).toMatchObject([{ week: '2026-W13', started: 1, completed: 1 }]);
      expect(await after.cases.get('old')).toMatchObject({ id: 'old', level: 'zwaar' });
    } finally {
      await after.close();
      removeDir(dir);
    }
  });
});

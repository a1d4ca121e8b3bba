import { residentIdOf, inStateKeyRanges, stateKeyRanges } from '../../src/storage/residentScope';
import { decodeCursor, encodeCursor } from '../../src/storage/transcriptPaging';
import { retentionCutoff } from '../../src/storage/retention';
import { databaseNameOf, redactUri } from '../../src/storage/mongo/mongoClient';

describe('the resident a transcript row is filed under', () => {
  const user = { id: 'u1', name: 'Bewoner' };
  const bot = { id: 'bot', name: 'Wijkteam' };
  it.each([
    ['a resident message with roles', { from: { ...user, role: 'user' }, recipient: { ...bot, role: 'bot' } }, 'u1'],
    ['a bot reply with roles', { from: { ...bot, role: 'bot' }, recipient: { ...user, role: 'user' } }, 'u1'],
    ['a bot reply where only the recipient has a role', { from: bot, recipient: { ...user, role: 'user' } }, 'u1'],
    ['a resident message without roles', { from: user, recipient: bot }, 'u1'],
    ['a bot reply without roles (falls back to from.id)', { from: bot, recipient: user }, 'bot'],
    ['an activity without parties', {}, ''],
  ])('%s', (_name, activity, expected) => {
    expect(residentIdOf(activity as never)).toBe(expected);
  });
});

describe('state keys of a resident', () => {
  const ranges = stateKeyRanges('whatsapp', '+31.6$1', ['c.1', 'c.1']);
  it.each([
    ['whatsapp/users/+31.6$1', true],
    ['whatsapp/users/+31.6$1/', true],
    ['whatsapp/users/+31.6$1/ns/deeper', true],
    ['whatsapp/users/+31.6$12/', false],
    ['whatsapp/users/+31.6$1 /', false],
    ['whatsapp/conversations/c.1/', true],
    ['whatsapp/conversations/c.10/', false],
    ['emulator/users/+31.6$1/', false],
  ])('%s → %s', (key, inside) => {
    expect(inStateKeyRanges(key, ranges)).toBe(inside);
  });
  it('lists each conversation once', () => {
    expect(ranges).toHaveLength(2);
  });
});

describe('transcript continuation tokens', () => {
  it('round-trip and refuse garbage', () => {
    const cursor = { at: '2025-01-01T00:00:00.000Z', id: '42' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const bad of ['', 'abc', Buffer.from('["x","1"]').toString('base64url'), Buffer.from('{"$gt":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(/continuation token/);
    }
  });
});

describe('retention cutoff', () => {
  it('is RETENTION_DAYS before now', () => {
    expect(retentionCutoff(365, new Date('2026-01-01T00:00:00.000Z')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('MongoDB connection settings', () => {
  it.each([
    ['mongodb://h:27017', undefined, 'wijkverbinder'],
    ['mongodb://h:27017/', undefined, 'wijkverbinder'],
    ['mongodb://u:p@h1:1,h2:2/bot?replicaSet=rs', undefined, 'bot'],
    ['mongodb+srv://u:p@cluster.example.net/prod%2Dbot?retryWrites=true', undefined, 'prod-bot'],
    ['mongodb://h/uri-db', 'from-env', 'from-env'],
    ['mongodb://h/?authSource=admin', undefined, 'wijkverbinder'],
  ])('database of %s (MONGODB_DB=%s) is %s', (uri, explicit, expected) => {
    expect(databaseNameOf(uri, explicit)).toBe(expected);
  });

  it.each([
    ['mongodb://user:s3cret@db.example:27017/bot?authSource=admin', 'mongodb://db.example:27017'],
    ['mongodb+srv://user:p%40ss@cluster.example.net/', 'mongodb+srv://cluster.example.net'],
    ['mongodb://h1:1,h2:2', 'mongodb://h1:1,h2:2'],
  ])('%s is shown as %s', (uri, shown) => {
    expect(redactUri(uri)).toBe(shown);
  });
});

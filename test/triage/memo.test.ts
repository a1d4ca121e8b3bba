import fs from 'node:fs';
import path from 'node:path';
import { WordMemo } from '../../src/triage/memo';
import { createTriage } from '../../src/triage';
import { devSetPath, triage } from './helpers';

describe('WordMemo', () => {
  it('computes a word once while it is remembered', () => {
    const seen: string[] = [];
    const memo = new WordMemo(10, (word) => {
      seen.push(word);
      return word.length;
    });
    expect([memo.get('schuld'), memo.get('huur'), memo.get('schuld')]).toEqual([6, 4, 6]);
    expect(seen).toEqual(['schuld', 'huur']);
  });

  it('never holds more words than its limit, however many new words come in, and still answers right', () => {
    const memo = new WordMemo(3, (word) => word.toUpperCase());
    for (let i = 0; i < 100; i++) {
      expect(memo.get(`woord${i}`)).toBe(`WOORD${i}`);
      expect(memo.size).toBeLessThanOrEqual(3);
    }
  });
});

describe('triage with its word memos', () => {
  it('decides the same for a message after thousands of unseen words have gone through it', () => {
    const triage = createTriage();
    const messages = ['ik heb €4.000 schuld en de deurwaarder komt', 'ik voel me alleen'];
    const before = JSON.stringify(triage.decide(messages));
    for (let i = 0; i < 1000; i++) triage.decide([`woord${i} xq${i}zz onbekend${i}`]);
    expect(JSON.stringify(triage.decide(messages))).toBe(before);
  });
});

describe('triage remembering what it read', () => {
  const blindSet = path.join(__dirname, 'blind', 'set58.jsonl');
  const cases = [devSetPath(), blindSet].flatMap((file) =>
    fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { messages: string[] }).messages),
  );
  const fresh = createTriage(undefined, { remember: false });
  const remembering = triage();

  it('answers every question the bot asks in a turn exactly as a triage that reads afresh', () => {
    for (const messages of cases) {
      // The order a conversation asks in: each answer on its own (crisis check, danger question, acknowledgement), then all answers twice.
      for (const [i, message] of messages.entries()) {
        expect(remembering.scan(message, i)).toEqual(fresh.scan(message, i));
        expect(remembering.hints(message, i)).toEqual(fresh.hints(message, i));
        expect(remembering.decide([message])).toEqual(fresh.decide([message]));
      }
      expect(remembering.decide(messages)).toEqual(fresh.decide(messages));
      expect(remembering.decide(messages, ['Schulden'])).toEqual(fresh.decide(messages, ['Schulden']));
    }
  });

  it('reads a message again when the message after it differs, since that one can turn its last words around', () => {
    const rulesFresh = createTriage(undefined, { model: false, remember: false });
    const rulesRemembering = createTriage(undefined, { model: false });
    const past = 'drie jaar terug wilde ik niet meer leven';
    const better = 'nu gaat het goed met me';
    expect(rulesFresh.decide([past]).level).toBe('crisis');
    expect(rulesFresh.decide([past, better]).level).not.toBe('crisis');
    for (const messages of [[past], [past, better], [past]]) expect(rulesRemembering.decide(messages)).toEqual(rulesFresh.decide(messages));
  });

  it('hands out what it remembers frozen, so one caller cannot change what the next one reads', () => {
    const message = 'ik heb €6.000 schuld en de huur is 4 maanden niet betaald';
    const decision = remembering.decide([message]);
    expect(decision.flags.length).toBeGreaterThan(0);
    expect(() => {
      (decision.flags[0] as { severity: string }).severity = 'mild';
    }).toThrow(TypeError);
    expect(() => remembering.scan(message).push(decision.flags[0])).not.toThrow();
    expect(remembering.decide([message])).toEqual(fresh.decide([message]));
  });
});

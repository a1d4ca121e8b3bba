import { WordMemo } from '../../src/triage/memo';
import { createTriage } from '../../src/triage';

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

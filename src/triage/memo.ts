/**
 * A per-word memo for the hot path of a decision. It forgets everything once it holds `limit`
 * entries: a stream of new words (or an attacker's random text) costs a recompute, never memory.
 * Words only: a memo over whole messages would make a repeated benchmark lie about real traffic.
 */
export class WordMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly limit: number,
    private readonly compute: (word: string) => V,
  ) {}

  get(word: string): V {
    let value = this.entries.get(word);
    if (value === undefined) {
      value = this.compute(word);
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(word, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

import type { Collection } from 'mongodb';
import type { Leases } from '../../instances/ports';
import type { LeaseDoc } from './collections';
import { insertUnique } from './uniqueInsert';

/**
 * Leases as terms: each term of a name is one document, taken by a unique insert on name and term,
 * so when a lease expires exactly one instance takes the next term. Only the holder of the newest
 * term renews it (moves `until`); a holder that finds a newer term has lost the lease. A holder
 * renews long before `until` (see LeaseKeeper), so a takeover needs it to have been silent for most
 * of the lease's length.
 */
export class MongoLeases implements Leases {
  constructor(
    private readonly leases: Collection<LeaseDoc>,
    private readonly now: () => Date,
  ) {}

  async acquire(name: string, holder: string, until: Date): Promise<boolean> {
    const latest = await this.latest(name);
    if (latest && latest.holder === holder && latest.until > this.now()) {
      await this.leases.updateOne({ _id: latest._id, holder }, { $set: { until } });
      // Someone took a newer term while the update was on its way: theirs counts.
      return (await this.latest(name))?.term === latest.term;
    }
    if (latest && latest.until > this.now()) return false;
    const term = (latest?.term ?? 0) + 1;
    const won = await insertUnique(this.leases, { _id: `${name}#${term}`, name, term, holder, until });
    if (won) await this.leases.deleteMany({ name, term: { $lt: term } });
    return won;
  }

  async release(name: string, holder: string): Promise<void> {
    const latest = await this.latest(name);
    if (latest?.holder === holder) await this.leases.updateOne({ _id: latest._id, holder }, { $set: { until: new Date(0) } });
  }

  private latest(name: string): Promise<LeaseDoc | null> {
    return this.leases.find({ name }).sort({ term: -1 }).limit(1).next();
  }
}

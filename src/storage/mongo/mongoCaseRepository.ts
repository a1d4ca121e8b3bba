import type { Filter } from 'mongodb';
import { caseSchema, type CaseStatus, type IntakeCase } from '../../cases/case';
import type { CasePosition, CaseRepository } from '../../cases/caseRepository';
import { asValue } from '../queryValue';
import { caseDocOf, caseOfDoc } from './caseDocument';
import type { CaseDoc, MongoCollections } from './collections';
import { insertUnique } from './uniqueInsert';

/** Cases as one structured document each (see caseDocument). */
export class MongoCaseRepository implements CaseRepository {
  constructor(private readonly c: MongoCollections) {}

  async get(id: string): Promise<IntakeCase | undefined> {
    const doc = await this.c.cases.findOne({ _id: asValue(id, 'A case id') });
    return doc ? caseOfDoc(doc) : undefined;
  }

  async findActiveByConversation(channel: string, conversationId: string): Promise<IntakeCase | undefined> {
    const doc = await this.c.cases.findOne(
      { channel: asValue(channel, 'channel'), conversationId: asValue(conversationId, 'conversationId'), status: { $ne: 'closed' } },
      { sort: { createdAt: -1 } },
    );
    return doc ? caseOfDoc(doc) : undefined;
  }

  /** The first write of a case is a unique insert (atomic on every server); later writes replace it whole. */
  async save(value: IntakeCase): Promise<void> {
    const doc = caseDocOf(caseSchema.parse(value));
    if (await insertUnique(this.c.cases, doc)) return;
    await this.c.cases.replaceOne({ _id: doc._id }, doc);
  }

  /**
   * Conditional updates are not atomic on FerretDB, so the writer of each version is chosen by a
   * unique insert of "case#version" (atomic everywhere); only the winner replaces the case.
   */
  async replace(next: IntakeCase, create: boolean): Promise<boolean> {
    const valid = caseSchema.parse(next);
    const version = valid.version + 1;
    const doc = caseDocOf({ ...valid, version });
    if (!(await insertUnique(this.c.caseVersions, { _id: `${valid.id}#${version}`, caseId: valid.id, version }))) return false;
    if (create) {
      if (await insertUnique(this.c.cases, doc)) return true;
      await this.c.caseVersions.deleteOne({ _id: `${valid.id}#${version}` });
      return false;
    }
    // The marker decides between writers of the same version; the filter turns away one that read an older one.
    const filter: Filter<CaseDoc> = valid.version === 0 ? { _id: doc._id, $or: [{ version: 0 }, { version: { $exists: false } }] } : { _id: doc._id, version: valid.version };
    const replaced = await this.c.cases.replaceOne(filter, doc);
    // Earlier version markers only mattered while they could still be raced for. A later one may
    // already belong to the writer of the next version: freeing it would let a second writer take
    // that version too, and on FerretDB both would then replace the case, one change lost.
    await this.c.caseVersions.deleteMany({ caseId: valid.id, $or: [{ version: { $lt: version } }, { version: { $exists: false } }] });
    return replaced.matchedCount === 1;
  }


  async listByResident(residentKey: string): Promise<IntakeCase[]> {
    return (await this.c.cases.find({ residentKey: asValue(residentKey, 'residentKey') }).sort({ createdAt: 1, _id: 1 }).toArray()).map(caseOfDoc);
  }

  async pageByStatus(statuses: CaseStatus[], after: CasePosition | undefined, limit: number): Promise<IntakeCase[]> {
    if (statuses.length === 0) return [];
    const wanted = statuses.map((status) => asValue(status, 'A case status') as CaseStatus);
    const filter: Filter<CaseDoc> = { status: { $in: wanted } };
    if (after) {
      const createdAt = new Date(after.createdAt);
      filter.$or = [{ createdAt: { $gt: createdAt } }, { createdAt, _id: { $gt: asValue(after.id, 'A case id') } }];
    }
    return (await this.c.cases.find(filter).sort({ createdAt: 1, _id: 1 }).limit(limit).toArray()).map(caseOfDoc);
  }

  async listReportsAt(addressKey: string): Promise<IntakeCase[]> {
    return (await this.c.cases.find({ 'report.place.key': asValue(addressKey, 'An address key') }).sort({ createdAt: 1, _id: 1 }).toArray()).map(caseOfDoc);
  }

  async claim(caseId: string, connectorId: string, at: Date): Promise<boolean> {
    return insertUnique(this.c.claims, { _id: asValue(caseId, 'A case id'), connectorId: asValue(connectorId, 'A connector id'), claimedAt: at });
  }

  async releaseClaim(caseId: string): Promise<void> {
    await this.c.claims.deleteOne({ _id: asValue(caseId, 'A case id') });
  }
}


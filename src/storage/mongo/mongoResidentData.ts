import type { TranscriptStore } from 'botbuilder';
import type { Filter } from 'mongodb';
import { residentKeyOf } from '../../cases/case';
import type { CaseRepository } from '../../cases/caseRepository';
import type { VolunteerRepository } from '../../buddies/volunteer';
import type { ConsoleRepository } from '../../connectors/consoleRepository';
import { decodeBody } from '../jsonBody';
import { REMOVED, type ClaimRecord, type RemovalReport, type ResidentData, type ResidentExport } from '../residentData';
import { collectResidentExport, type ResidentLookup } from '../residentExport';
import { asValue } from '../queryValue';
import { stateKeyRanges, type StateKeyRange } from '../residentScope';
import type { MongoCollections, StateDoc } from './collections';
import { STALE_LOCK_MS } from './mongoStorage';

/**
 * Erasure, export and retention on MongoDB. Without transactions (FerretDB has none) an erasure is
 * a sequence of deletes, ordered so that a failed one can simply be run again: the cases, which
 * lead to the resident's conversations, go last.
 */
export class MongoResidentData implements ResidentData {
  private readonly lookup: ResidentLookup;

  constructor(
    private readonly c: MongoCollections,
    private readonly sources: { cases: CaseRepository; transcripts: TranscriptStore; console: ConsoleRepository; volunteers: VolunteerRepository },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lookup = {
      conversationsOf: (channel, userId) => this.conversationsOf(channel, userId),
      stateWithin: (ranges) => this.stateWithin(ranges),
      claimsOf: (caseIds) => this.claimsOf(caseIds),
    };
  }

  async eraseResident(channel: string, userId: string): Promise<RemovalReport> {
    const residentKey = residentKeyOf(asValue(channel, 'channel'), asValue(userId, 'userId'));
    const conversations = await this.conversationsOf(channel, userId);
    const caseIds = (await this.c.cases.find({ residentKey }, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    const state = await this.c.state.deleteMany(stateFilter(stateKeyRanges(channel, userId, conversations)));
    const claims = await this.c.claims.deleteMany({ _id: { $in: caseIds } });
    await this.c.caseVersions.deleteMany({ caseId: { $in: caseIds } });
    const notes = await this.c.notes.deleteMany({ caseId: { $in: caseIds } });
    const transcripts = await this.c.transcripts.deleteMany({ channelId: channel, $or: [{ conversationId: { $in: conversations } }, { residentId: userId }] });
    const cases = await this.c.cases.deleteMany({ residentKey });
    const volunteers = await this.c.volunteers.deleteMany({ _id: residentKey });
    return {
      [REMOVED.volunteers]: volunteers.deletedCount,
      [REMOVED.state]: state.deletedCount,
      [REMOVED.claims]: claims.deletedCount,
      [REMOVED.notes]: notes.deletedCount,
      [REMOVED.transcripts]: transcripts.deletedCount,
      [REMOVED.cases]: cases.deletedCount,
    };
  }

  async exportResident(channel: string, userId: string): Promise<ResidentExport> {
    return collectResidentExport({ ...this.sources, lookup: this.lookup }, asValue(channel, 'channel'), asValue(userId, 'userId'), this.now());
  }

  async purgeOlderThan(cutoff: Date, auditCutoff: Date): Promise<RemovalReport> {
    // Each filter is checked again at delete time: whatever was written to since the look-up stays.
    const state = await this.c.state.deleteMany({ updatedAt: { $lt: cutoff } });
    const transcripts = await this.c.transcripts.deleteMany({ at: { $lt: cutoff } });
    const quiet = (await this.c.cases.find({ updatedAt: { $lt: cutoff } }, { projection: { _id: 1 } }).toArray()).map((doc) => doc._id);
    const claims = await this.c.claims.deleteMany({ _id: { $in: quiet } });
    await this.c.caseVersions.deleteMany({ caseId: { $in: quiet } });
    const notes = await this.c.notes.deleteMany({ caseId: { $in: quiet } });
    const cases = await this.c.cases.deleteMany({ _id: { $in: quiet }, updatedAt: { $lt: cutoff } });
    const audit = await this.c.audit.deleteMany({ at: { $lt: auditCutoff } });
    const received = await this.c.receivedMessages.deleteMany({ at: { $lt: cutoff } });
    const volunteers = await this.c.volunteers.deleteMany({ updatedAt: { $lt: cutoff } });
    // Locks are released after every write; one left by a crashed writer holds no personal data and only needs sweeping.
    await this.c.stateWriteLocks.deleteMany({ at: { $lt: new Date(this.now().getTime() - STALE_LOCK_MS) } });
    return {
      [REMOVED.state]: state.deletedCount,
      [REMOVED.transcripts]: transcripts.deletedCount,
      [REMOVED.claims]: claims.deletedCount,
      [REMOVED.notes]: notes.deletedCount,
      [REMOVED.cases]: cases.deletedCount,
      [REMOVED.audit]: audit.deletedCount,
      [REMOVED.receivedMessages]: received.deletedCount,
      [REMOVED.volunteers]: volunteers.deletedCount,
    };
  }

  private async conversationsOf(channel: string, userId: string): Promise<string[]> {
    const fromTranscripts = await this.c.transcripts.distinct('conversationId', { channelId: channel, residentId: userId });
    const fromCases = await this.c.cases.distinct('conversationId', { residentKey: residentKeyOf(channel, userId) });
    return [...new Set([...fromTranscripts, ...fromCases])].sort();
  }

  private async stateWithin(ranges: StateKeyRange[]): Promise<Record<string, unknown>> {
    const docs = await this.c.state.find(stateFilter(ranges)).sort({ _id: 1 }).toArray();
    return Object.fromEntries(docs.map((doc) => [doc._id, decodeBody(doc.body)]));
  }

  private async claimsOf(caseIds: string[]): Promise<ClaimRecord[]> {
    const docs = await this.c.claims.find({ _id: { $in: caseIds } }).sort({ _id: 1 }).toArray();
    return docs.map((doc) => ({ caseId: doc._id, connectorId: doc.connectorId, claimedAt: doc.claimedAt.toISOString() }));
  }
}

function stateFilter(ranges: StateKeyRange[]): Filter<StateDoc> {
  return { $or: ranges.flatMap((range) => [{ _id: range.exact }, { _id: { $gte: range.from, $lt: range.to } }]) };
}

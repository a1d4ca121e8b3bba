import type { TranscriptStore } from 'botbuilder';
import { residentKeyOf } from '../../cases/case';
import type { CaseRepository } from '../../cases/caseRepository';
import type { VolunteerRepository } from '../../buddies/volunteer';
import type { ConsoleRepository } from '../../connectors/consoleRepository';
import { REMOVED, type ClaimRecord, type RemovalReport, type ResidentData, type ResidentExport } from '../residentData';
import { collectResidentExport, type ResidentLookup } from '../residentExport';
import { stateKeyRanges, type StateKeyRange } from '../residentScope';
import { decodeBody } from '../jsonBody';
import type { SqliteDatabase } from './database';

/** Erasure, export and retention on SQLite; each erasure and purge is one transaction, so it is never half done. */
export class SqliteResidentData implements ResidentData {
  private readonly lookup: ResidentLookup;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly sources: { cases: CaseRepository; transcripts: TranscriptStore; console: ConsoleRepository; volunteers: VolunteerRepository },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lookup = {
      conversationsOf: async (channel, userId) => this.conversationsOf(channel, userId),
      stateWithin: async (ranges) => this.stateWithin(ranges),
      claimsOf: async (caseIds) => this.claimsOf(caseIds),
    };
  }

  async eraseResident(channel: string, userId: string): Promise<RemovalReport> {
    return this.db.transaction((): RemovalReport => {
      const residentKey = residentKeyOf(channel, userId);
      const conversations = this.conversationsOf(channel, userId);
      const caseIds = this.db.prepare<[string], { id: string }>('SELECT id FROM cases WHERE resident_key = ?').all(residentKey).map((row) => row.id);
      const deleteState = this.db.prepare('DELETE FROM state WHERE key = ? OR (key >= ? AND key < ?)');
      const deleteClaim = this.db.prepare('DELETE FROM claims WHERE case_id = ?');
      const deleteNotes = this.db.prepare('DELETE FROM notes WHERE case_id = ?');
      const deleteConversation = this.db.prepare('DELETE FROM transcript WHERE channel_id = ? AND conversation_id = ?');
      const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
      return {
        [REMOVED.state]: sum(stateKeyRanges(channel, userId, conversations).map((range) => deleteState.run(range.exact, range.from, range.to).changes)),
        [REMOVED.claims]: sum(caseIds.map((id) => deleteClaim.run(id).changes)),
        [REMOVED.notes]: sum(caseIds.map((id) => deleteNotes.run(id).changes)),
        [REMOVED.transcripts]: sum(conversations.map((id) => deleteConversation.run(channel, id).changes)),
        [REMOVED.cases]: this.db.prepare('DELETE FROM cases WHERE resident_key = ?').run(residentKey).changes,
        [REMOVED.volunteers]: this.db.prepare('DELETE FROM volunteers WHERE volunteer_key = ?').run(residentKey).changes,
      };
    })();
  }

  async exportResident(channel: string, userId: string): Promise<ResidentExport> {
    return collectResidentExport({ ...this.sources, lookup: this.lookup }, channel, userId, this.now());
  }

  async purgeOlderThan(cutoff: Date, auditCutoff: Date): Promise<RemovalReport> {
    const before = cutoff.toISOString();
    return this.db.transaction((): RemovalReport => {
      const quietCases = "SELECT id FROM cases WHERE updated_at < ?";
      return {
        [REMOVED.state]: this.db.prepare('DELETE FROM state WHERE updated_at < ?').run(before).changes,
        [REMOVED.transcripts]: this.db.prepare('DELETE FROM transcript WHERE timestamp < ?').run(before).changes,
        [REMOVED.claims]: this.db.prepare(`DELETE FROM claims WHERE case_id IN (${quietCases})`).run(before).changes,
        [REMOVED.notes]: this.db.prepare(`DELETE FROM notes WHERE case_id IN (${quietCases})`).run(before).changes,
        [REMOVED.cases]: this.db.prepare('DELETE FROM cases WHERE updated_at < ?').run(before).changes,
        [REMOVED.audit]: this.db.prepare('DELETE FROM audit WHERE at < ?').run(auditCutoff.toISOString()).changes,
        [REMOVED.receivedMessages]: this.db.prepare('DELETE FROM received_messages WHERE at < ?').run(before).changes,
        [REMOVED.volunteers]: this.db.prepare('DELETE FROM volunteers WHERE updated_at < ?').run(before).changes,
      };
    })();
  }

  private conversationsOf(channel: string, userId: string): string[] {
    return this.db
      .prepare<[string, string, string], { conversation_id: string }>(
        `SELECT conversation_id FROM transcript WHERE channel_id = ? AND resident_id = ?
         UNION SELECT conversation_id FROM cases WHERE resident_key = ?
         ORDER BY conversation_id`,
      )
      .all(channel, userId, residentKeyOf(channel, userId))
      .map((row) => row.conversation_id);
  }

  private stateWithin(ranges: StateKeyRange[]): Record<string, unknown> {
    const select = this.db.prepare<[string, string, string], { key: string; doc: string }>(
      'SELECT key, doc FROM state WHERE key = ? OR (key >= ? AND key < ?) ORDER BY key',
    );
    const state: Record<string, unknown> = {};
    for (const range of ranges) for (const row of select.all(range.exact, range.from, range.to)) state[row.key] = decodeBody(row.doc);
    return state;
  }

  private claimsOf(caseIds: string[]): ClaimRecord[] {
    const select = this.db.prepare<[string], { case_id: string; connector_id: string; claimed_at: string }>(
      'SELECT case_id, connector_id, claimed_at FROM claims WHERE case_id = ?',
    );
    return caseIds.flatMap((id) => select.all(id).map((row) => ({ caseId: row.case_id, connectorId: row.connector_id, claimedAt: row.claimed_at })));
  }
}

import type { IntakeCase } from '../cases/case';
import type { Volunteer } from '../buddies/volunteer';
import type { AuditEntry, CaseNote } from '../connectors/consoleRepository';

/** Counts of what an erasure or purge removed, per collection/table, for the audit trail and tests. */
export type RemovalReport = Record<string, number>;

export interface ClaimRecord {
  caseId: string;
  connectorId: string;
  claimedAt: string;
}

export interface ResidentExport {
  residentKey: string;
  exportedAt: string;
  cases: IntakeCase[];
  /** Which connector took which of the resident's cases, and when. */
  claims: ClaimRecord[];
  /** Connectors' private notes on the resident's cases (never sent to them in the chat, but theirs to see on request). */
  notes: CaseNote[];
  /** Who looked at or acted on the resident's cases, and when (AVG art. 15: the recipients of their data). */
  audit: AuditEntry[];
  /** Every activity of the resident's conversations, in and out, conversation by conversation in time order. */
  transcripts: unknown[];
  /** State by storage key: the resident's user state and the conversation state of their conversations. */
  state: Record<string, unknown>;
  /** What they told us when they signed up as a volunteer, with their status and screening; null when they did not. */
  volunteer: Volunteer | null;
}

/**
 * The AVG duties of a store: erase everything about one resident on request, export it for an
 * inzageverzoek, and remove what is past the retention period.
 *
 * A resident's conversations are the ones their transcript rows are filed under (see residentIdOf)
 * and the ones their cases were held in. Conversation state of a conversation that has neither (no
 * consent, so no transcript, and no case) cannot be traced to the resident; the retention purge
 * removes it once the conversation has been quiet for the retention period.
 */
export interface ResidentData {
  /** channel + channel user id identify the resident (see residentKeyOf). */
  eraseResident(channel: string, userId: string): Promise<RemovalReport>;
  exportResident(channel: string, userId: string): Promise<ResidentExport>;
  /**
   * Removes everything about residents whose last activity is before `cutoff`, whatever its status:
   * transcript activities, cases (with their claims and notes), and state (conversation and user,
   * the consent record included); volunteers who have not changed since (a stopped volunteer is kept
   * that long after stopping); the ids of received messages; and audit rows older than `auditCutoff` (they hold no message text).
   */
  purgeOlderThan(cutoff: Date, auditCutoff: Date): Promise<RemovalReport>;
}

/** The report keys, the same for every store, so audit lines and tests read alike. */
export const REMOVED = { state: 'state', transcripts: 'transcripts', cases: 'cases', claims: 'claims', notes: 'notes', audit: 'audit', receivedMessages: 'receivedMessages', volunteers: 'volunteers' } as const;

import type { CaseStatus, IntakeCase } from './case';

/** What the dialogs, triage hook and console need from case storage; implemented per store. */
export interface CaseRepository {
  get(id: string): Promise<IntakeCase | undefined>;
  /** The case still being worked on in a conversation (not closed), if any. */
  findActiveByConversation(channel: string, conversationId: string): Promise<IntakeCase | undefined>;
  /** Inserts or replaces the whole case; cases are small and written by one conversation turn at a time. */
  save(value: IntakeCase): Promise<void>;
  listByResident(residentKey: string): Promise<IntakeCase[]>;
  listByStatus(statuses: CaseStatus[]): Promise<IntakeCase[]>;
  /**
   * Takes a case for one connector. Exactly one of any number of concurrent callers wins, on every
   * server, because it is decided by a unique insert (the one write that is atomic everywhere).
   * Resolves true for the winner, false for everyone else and for a case that is already claimed.
   */
  claim(caseId: string, connectorId: string, at: Date): Promise<boolean>;
  /** Ends the current claim so the case can be claimed again. */
  releaseClaim(caseId: string): Promise<void>;
}

import type { Activity } from 'botbuilder';
import type { CloseOutcome, IntakeCase } from '../cases/case';
import type { ReplyWindowState } from './replyWindow';

/**
 * The contract between the handoff core (escalation, claims, relaying messages between resident
 * and connector) and the console that wijkverbinders use. The console only talks to the core
 * through these types; the core knows nothing about HTTP, sessions or pages.
 */

// How a closed case ended; kept on the case, so defined beside it.
export { closeOutcomes, type CloseOutcome } from '../cases/case';

/** The channelData key that marks a message a wijkverbinder wrote (its value is their id), as stored in the transcript. */
export const CONNECTOR_MESSAGE_KEY = 'wijkverbinderId';

/** A wijkverbinder as the core needs to know them: who, and which team's cases they may see. */
export interface ConnectorRef {
  id: string;
  displayName: string;
  team: string;
}

/** A case as it stands in the queue: the case itself plus what ordering and display need. */
export interface QueueEntry {
  case: IntakeCase;
  /** Lower is more urgent: 0 crisis, 1 zwaar, 2 asked for a person, 3 anything else escalated. */
  urgencyRank: number;
  /** Since when the resident has been waiting for a person (ISO time). */
  waitingSince: string;
}

/** What happens in handoff, for the console's live view and the audit log. */
export type HandoffEvent =
  /** `crisis`: the most urgent rank, which the console announces unmistakably. */
  | { type: 'escalated'; caseId: string; team: string; at: string; crisis: boolean }
  | { type: 'claimed'; caseId: string; team: string; connectorId: string; at: string }
  | { type: 'released'; caseId: string; team: string; connectorId: string; at: string }
  | { type: 'claim-expired'; caseId: string; team: string; connectorId: string; at: string }
  | { type: 'closed'; caseId: string; team: string; connectorId: string; outcome: CloseOutcome; at: string }
  | { type: 'reopened'; caseId: string; team: string; connectorId: string; at: string }
  /** `holder`: the connector who has the case claimed; only they see the text live (need-to-know). */
  | { type: 'resident-message'; caseId: string; team: string; holder?: string; at: string; text: string }
  | { type: 'connector-message'; caseId: string; team: string; connectorId: string; at: string; text: string }
  /** The resident asked to be forgotten: the case no longer exists anywhere. */
  | { type: 'erased'; caseId: string; team: string; at: string };

export type HandoffListener = (event: HandoffEvent) => void;

/** Whether any wijkverbinder of a team is online now; the console keeps presence, the bot asks. */
export interface ConnectorAvailability {
  anyoneAvailable(team: string): boolean;
}

/** Why a connector action was refused; the console maps these to HTTP statuses and Dutch texts. */
// 'unsafe-channel': the case is flagged for domestic violence and the resident has not (yet) said it is safe to be messaged.
// 'window-closed': the channel lets us write only within its reply window (WhatsApp, 24 hours), which has closed; 'no-invite': no template to reopen it.
// 'not-delivered': the channel could not deliver the message (the case records it).
export type HandoffRefusal =
  | 'not-found'
  | 'wrong-team'
  | 'not-claimable'
  | 'already-claimed'
  | 'not-yours'
  | 'not-claimed'
  | 'closed'
  | 'unsafe-channel'
  | 'window-closed'
  | 'no-invite'
  | 'not-delivered';

export type HandoffResult<T = void> = { ok: true; value: T } | { ok: false; reason: HandoffRefusal };

/** Everything a connector can do with cases; every method checks team and claim itself. */
export interface CaseFile {
  value: IntakeCase;
  activities: Partial<Activity>[];
  previous: IntakeCase[];
  /** For a report: every report about the same address the team may see, this one included, oldest first. */
  linked: IntakeCase[];
}

export interface HandoffService {
  /** Escalated and claimed cases of one team, most urgent first, then longest waiting first. */
  queue(team: string): Promise<QueueEntry[]>;
  /** One case, if the connector's team may see it. */
  view(connector: ConnectorRef, caseId: string): Promise<HandoffResult<IntakeCase>>;
  /** What a connector reads of a case they may see: its own part of the conversation, and the resident's earlier cases their team may see. */
  caseFile(connector: ConnectorRef, caseId: string): Promise<HandoffResult<CaseFile>>;
  /** Exactly one of any number of concurrent claims wins, on every store. */
  claim(connector: ConnectorRef, caseId: string): Promise<HandoffResult>;
  /** Sends a connector's message to the resident on their own channel, through the bot. */
  sendToResident(connector: ConnectorRef, caseId: string, text: string): Promise<HandoffResult>;
  /** Outside the channel's reply window: sends the approved template that asks the resident to write back. */
  inviteReply(connector: ConnectorRef, caseId: string): Promise<HandoffResult>;
  /** The case's reply window on a channel that has one (WhatsApp), else undefined. */
  replyWindow(value: IntakeCase): ReplyWindowState | undefined;
  release(connector: ConnectorRef, caseId: string): Promise<HandoffResult>;
  close(connector: ConnectorRef, caseId: string, outcome: CloseOutcome, detail?: string): Promise<HandoffResult>;
  /** The team's cases that reached a person (waiting, claimed or closed), most recently changed first. */
  history(connector: ConnectorRef): Promise<IntakeCase[]>;
  /** Subscribes to every handoff event; returns the unsubscribe function. */
  subscribe(listener: HandoffListener): () => void;
}

import type { Activity, Storage, TranscriptStore } from 'botbuilder';
import type { VolunteerRepository } from '../buddies/volunteer';
import type { CaseRepository } from '../cases/caseRepository';
import type { FiguresStore } from '../figures/figures';
import type { ConsoleRepository } from '../connectors/consoleRepository';
import type { SessionRepository } from '../connectors/sessionRepository';
import type { EventBus, KeyGuard, Leases } from '../instances/ports';
import type { ReceivedMessages } from './receivedMessages';
import type { ResidentData } from './residentData';

/** Everything the bot keeps, behind botbuilder's interfaces and our case repository, whichever database holds it. */
export interface Stores {
  kind: 'sqlite' | 'mongodb';
  storage: Storage;
  transcripts: TranscriptStore;
  cases: CaseRepository;
  /** Connector accounts, the audit log and private notes of the console. */
  console: ConsoleRepository;
  /** Volunteers who signed up through the bot (the coordinator's list). */
  volunteers: VolunteerRepository;
  /** Erasure, export and retention (AVG) over everything above. */
  residents: ResidentData;
  /** Message ids a channel already processed (WhatsApp redeliveries). */
  received: ReceivedMessages;
  /** The pilot's figures, computed in the database. */
  figures: FiguresStore;
  /** Console sessions, shared by every instance on the store. */
  sessions: SessionRepository;
  /** What instances on the same store share: events, leases for the timers, a guard per case. */
  bus: EventBus;
  leases: Leases;
  guard: KeyGuard;
  /** Rejects when the database does not answer (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Test seam: stores stamp state writes and exports with this clock. */
export interface StoreClock {
  now?: () => Date;
}

/** A transcript store that can keep a whole turn in one write, all or nothing. */
export interface TurnTranscriptStore extends TranscriptStore {
  logActivities(activities: Activity[]): Promise<void>;
}

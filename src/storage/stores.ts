import type { Activity, Storage, TranscriptStore } from 'botbuilder';
import type { CaseRepository } from '../cases/caseRepository';
import type { ConsoleRepository } from '../connectors/consoleRepository';
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
  /** Erasure, export and retention (AVG) over everything above. */
  residents: ResidentData;
  /** Message ids a channel already processed (WhatsApp redeliveries). */
  received: ReceivedMessages;
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

import type { Collection, Db, ObjectId } from 'mongodb';
import type { CaseDoc } from './caseDocument';
import type { TranscriptDoc } from './transcriptDocument';

export type { CaseDoc, TranscriptDoc };

/** Every collection the store uses, named once: erasure, purge, indexes and the tests all go through this list. */
export const COLLECTIONS = {
  state: 'state',
  stateWriteLocks: 'stateWriteLocks',
  transcripts: 'transcripts',
  cases: 'cases',
  claims: 'claims',
  caseVersions: 'caseVersions',
  connectors: 'connectors',
  audit: 'audit',
  notes: 'notes',
  receivedMessages: 'receivedMessages',
  events: 'events',
  leases: 'leases',
  guards: 'guards',
  consoleSessions: 'consoleSessions',
  consentRefusals: 'consentRefusals',
  meta: 'meta',
  volunteers: 'volunteers',
} as const;

/** botbuilder state: the caller's item as JSON in `body` (see jsonBody), `_id` the storage key. */
export interface StateDoc {
  _id: string;
  eTag: string;
  body: string;
  updatedAt: Date;
}

/**
 * The right to replace one eTag: `_id` is the eTag being replaced, taken by a unique insert so that
 * exactly one conditional writer wins even where updates are not atomic (FerretDB). It names no
 * key, so it holds nothing about a resident.
 */
export interface StateWriteLockDoc {
  _id: string;
  at: Date;
}

/** One per stored case version: the unique insert that decides which writer may store it (see MongoCaseRepository.replace). */
export interface CaseVersionDoc {
  _id: string;
  caseId: string;
  /** Absent on markers written before it was kept; those are all of versions long passed. */
  version?: number;
}

/** `_id` is the case id, so a second claim of the same case is a duplicate key. */
export interface ClaimDoc {
  _id: string;
  connectorId: string;
  claimedAt: Date;
}

/** `_id` is the username, so a second account with the same username is a duplicate key (a unique insert decides). */
export interface ConnectorDoc {
  _id: string;
  connectorId: string;
  /** Set when the account is linked to a Teams user (lower case). */
  teamsAadObjectId?: string;
  body: string;
}

/** Ids and codes only (see AuditEntry); `_id` is generated, so rows sort by time and then by insertion. */
export interface AuditDoc {
  _id: ObjectId;
  at: Date;
  connectorId: string;
  action: string;
  caseId: string | null;
  /** Set when the action concerned a volunteer (search, screening, a match). */
  volunteerId?: string;
  result: string;
}

/** `caseId` beside the body, so erasure and purge find a case's notes. */
export interface NoteDoc {
  _id: string;
  caseId: string;
  at: Date;
  body: string;
}

/** `_id` is the digest of channel and message id (see receivedKey), so a second delivery is a duplicate key. */
export interface ReceivedMessageDoc {
  _id: string;
  at: Date;
}

/** One event between instances (see MongoEventBus): `_id` is the counter, taken by a unique insert. */
export interface EventDoc {
  _id: number;
  topic: string;
  /** What the event is about (a case, a conversation), so erasure can remove it. */
  scope?: string;
  at: Date;
  body: string;
}

/** One term of a lease (see MongoLeases): `_id` is name and term, so exactly one instance takes each term. */
export interface LeaseDoc {
  _id: string;
  name: string;
  term: number;
  holder: string;
  until: Date;
}

/** A held guard on a key (see MongoKeyGuard): `_id` is the key, so exactly one instance holds it. */
export interface GuardDoc {
  _id: string;
  token: string;
  until: Date;
}

/** A console session: `_id` is a digest of the cookie's id, so the store alone cannot be used to log in. */
export interface ConsoleSessionDoc {
  _id: string;
  connectorId: string;
  expiresAt: Date;
  /** Beside the body, so a touch is a small update and the expiry query needs no parsing. */
  lastUsedAt: Date;
  body: string;
}

/** An anonymous tally: the week a resident said no to the privacy question, nothing about who. */
export interface ConsentRefusalDoc {
  _id: ObjectId;
  week: string;
}

/** Facts about the database itself, such as the format its documents are in (see migrate). */
export interface MetaDoc {
  _id: string;
  format: number;
  at: Date;
}

/** `_id` is the volunteer key (channel:userId), so one person is one volunteer; the fields a query needs sit beside the body. */
export interface VolunteerDoc {
  _id: string;
  volunteerId: string;
  team: string;
  updatedAt: Date;
  body: string;
}

export interface MongoCollections {
  state: Collection<StateDoc>;
  stateWriteLocks: Collection<StateWriteLockDoc>;
  transcripts: Collection<TranscriptDoc>;
  cases: Collection<CaseDoc>;
  claims: Collection<ClaimDoc>;
  caseVersions: Collection<CaseVersionDoc>;
  connectors: Collection<ConnectorDoc>;
  audit: Collection<AuditDoc>;
  notes: Collection<NoteDoc>;
  receivedMessages: Collection<ReceivedMessageDoc>;
  events: Collection<EventDoc>;
  leases: Collection<LeaseDoc>;
  guards: Collection<GuardDoc>;
  consoleSessions: Collection<ConsoleSessionDoc>;
  consentRefusals: Collection<ConsentRefusalDoc>;
  meta: Collection<MetaDoc>;
  volunteers: Collection<VolunteerDoc>;
}

export function collectionsOf(db: Db): MongoCollections {
  return {
    state: db.collection<StateDoc>(COLLECTIONS.state),
    stateWriteLocks: db.collection<StateWriteLockDoc>(COLLECTIONS.stateWriteLocks),
    transcripts: db.collection<TranscriptDoc>(COLLECTIONS.transcripts),
    cases: db.collection<CaseDoc>(COLLECTIONS.cases),
    claims: db.collection<ClaimDoc>(COLLECTIONS.claims),
    caseVersions: db.collection<CaseVersionDoc>(COLLECTIONS.caseVersions),
    connectors: db.collection<ConnectorDoc>(COLLECTIONS.connectors),
    audit: db.collection<AuditDoc>(COLLECTIONS.audit),
    notes: db.collection<NoteDoc>(COLLECTIONS.notes),
    receivedMessages: db.collection<ReceivedMessageDoc>(COLLECTIONS.receivedMessages),
    events: db.collection<EventDoc>(COLLECTIONS.events),
    leases: db.collection<LeaseDoc>(COLLECTIONS.leases),
    guards: db.collection<GuardDoc>(COLLECTIONS.guards),
    consoleSessions: db.collection<ConsoleSessionDoc>(COLLECTIONS.consoleSessions),
    consentRefusals: db.collection<ConsentRefusalDoc>(COLLECTIONS.consentRefusals),
    meta: db.collection<MetaDoc>(COLLECTIONS.meta),
    volunteers: db.collection<VolunteerDoc>(COLLECTIONS.volunteers),
  };
}

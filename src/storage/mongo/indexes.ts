import type { Db, IndexDescription } from 'mongodb';
import { COLLECTIONS } from './collections';

const DAY_SECONDS = 24 * 60 * 60;
const INDEX_OPTIONS_CONFLICT = 85;
const NOT_IMPLEMENTED = 238;

/** What every query, the erasure and the purge look up by; created at start-up, a no-op when they exist. */
const INDEXES: Record<string, IndexDescription[]> = {
  [COLLECTIONS.state]: [{ key: { updatedAt: 1 }, name: 'state_updated' }],
  [COLLECTIONS.stateWriteLocks]: [{ key: { at: 1 }, name: 'locks_at' }],
  [COLLECTIONS.transcripts]: [
    { key: { channelId: 1, conversationId: 1, at: 1, _id: 1 }, name: 'transcripts_conversation_time' },
    { key: { channelId: 1, residentId: 1 }, name: 'transcripts_resident' },
  ],
  [COLLECTIONS.cases]: [
    { key: { channel: 1, conversationId: 1, status: 1 }, name: 'cases_conversation' },
    { key: { status: 1, urgent: -1, createdAt: 1 }, name: 'cases_status_urgency_age' },
    { key: { status: 1, updatedAt: 1 }, name: 'cases_status_updated' },
    { key: { residentKey: 1, createdAt: 1 }, name: 'cases_resident' },
    { key: { 'measures.team': 1, 'measures.week': 1 }, name: 'cases_figures' },
    { key: { 'report.place.key': 1, createdAt: 1 }, name: 'cases_address', sparse: true },
  ],
  [COLLECTIONS.consentRefusals]: [{ key: { week: 1 }, name: 'consent_refusals_week' }],
  // claims are unique by _id, the case id: no further index.
  [COLLECTIONS.connectors]: [
    { key: { connectorId: 1 }, name: 'connectors_id' },
    { key: { teamsAadObjectId: 1 }, name: 'connectors_teams', sparse: true },
  ],
  [COLLECTIONS.audit]: [
    { key: { caseId: 1, at: 1, _id: 1 }, name: 'audit_case' },
    { key: { connectorId: 1, at: 1, _id: 1 }, name: 'audit_connector' },
    { key: { volunteerId: 1, at: 1, _id: 1 }, name: 'audit_volunteer', sparse: true },
  ],
  [COLLECTIONS.volunteers]: [
    { key: { volunteerId: 1 }, name: 'volunteers_id' },
    { key: { team: 1 }, name: 'volunteers_team' },
    { key: { updatedAt: 1 }, name: 'volunteers_updated' },
  ],
  [COLLECTIONS.notes]: [{ key: { caseId: 1, at: 1 }, name: 'notes_case' }],
  [COLLECTIONS.receivedMessages]: [{ key: { at: 1 }, name: 'received_at' }],
  [COLLECTIONS.events]: [
    { key: { at: 1 }, name: 'events_at' },
    { key: { scope: 1 }, name: 'events_scope' },
  ],
  [COLLECTIONS.leases]: [{ key: { name: 1, term: -1 }, name: 'leases_name_term' }],
  [COLLECTIONS.consoleSessions]: [
    { key: { connectorId: 1 }, name: 'sessions_connector' },
    { key: { expiresAt: 1 }, name: 'sessions_expiry' },
  ],
};

/** Uniqueness lives in `_id` everywhere (state key, case id, claim per case, lock per eTag, username), so no extra unique index is needed. */
export async function ensureIndexes(db: Db, retentionDays: number): Promise<{ ttl: boolean }> {
  // One index per command: FerretDB 1.24 drops the connection (a server panic) when one createIndexes lists several indexes that all exist.
  for (const [collection, indexes] of Object.entries(INDEXES)) for (const index of indexes) await db.collection(collection).createIndexes([index]);
  return { ttl: await ensureTranscriptExpiry(db, retentionDays) };
}

/**
 * Where the server has TTL indexes, transcripts also expire by themselves; FerretDB answers
 * "not implemented" and gets a plain index for the scheduled purge instead. A changed
 * RETENTION_DAYS updates the existing TTL index in place.
 */
async function ensureTranscriptExpiry(db: Db, retentionDays: number): Promise<boolean> {
  const transcripts = db.collection(COLLECTIONS.transcripts);
  const expireAfterSeconds = retentionDays * DAY_SECONDS;
  try {
    await transcripts.createIndex({ at: 1 }, { name: 'transcripts_at', expireAfterSeconds });
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === INDEX_OPTIONS_CONFLICT) {
      await db.command({ collMod: COLLECTIONS.transcripts, index: { name: 'transcripts_at', expireAfterSeconds } });
      return true;
    }
    if (code !== NOT_IMPLEMENTED) throw error;
  }
  await transcripts.createIndex({ at: 1 }, { name: 'transcripts_at' });
  return false;
}

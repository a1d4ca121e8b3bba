import { caseSchema, type CaseStatus, type IntakeCase } from '../../cases/case';
import type { CasePosition, CaseRepository } from '../../cases/caseRepository';
import type { SqliteDatabase } from './database';
import { decodeBody, encodeBody } from '../jsonBody';
import { measuresOf } from '../../figures/measures';

type Row = { doc: string };

export class SqliteCaseRepository implements CaseRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async get(id: string): Promise<IntakeCase | undefined> {
    const row = this.db.prepare<[string], Row>('SELECT doc FROM cases WHERE id = ?').get(id);
    return row ? parse(row) : undefined;
  }

  async findActiveByConversation(channel: string, conversationId: string): Promise<IntakeCase | undefined> {
    const row = this.db
      .prepare<[string, string], Row>("SELECT doc FROM cases WHERE channel = ? AND conversation_id = ? AND status <> 'closed' ORDER BY created_at DESC LIMIT 1")
      .get(channel, conversationId);
    return row ? parse(row) : undefined;
  }

  async save(value: IntakeCase): Promise<void> {
    const valid = caseSchema.parse(value);
    this.db
      .prepare(
        `INSERT INTO cases (id, resident_key, channel, conversation_id, status, created_at, updated_at, version, week, team, measures, address_key, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at, version = excluded.version, week = excluded.week, team = excluded.team,
         measures = excluded.measures, address_key = excluded.address_key, doc = excluded.doc`,
      )
      .run(...insertValues(valid));
  }

  async replace(next: IntakeCase, create: boolean): Promise<boolean> {
    const valid = caseSchema.parse(next);
    const stored = { ...valid, version: valid.version + 1 };
    // SQLite serialises writers, so a conditional statement decides between them.
    const result = create
      ? this.db
          .prepare('INSERT OR IGNORE INTO cases (id, resident_key, channel, conversation_id, status, created_at, updated_at, version, week, team, measures, address_key, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(...insertValues(stored))
      : this.db
          .prepare('UPDATE cases SET status = ?, updated_at = ?, version = ?, week = ?, team = ?, measures = ?, address_key = ?, doc = ? WHERE id = ? AND version = ?')
          .run(stored.status, stored.updatedAt, stored.version, ...figureValues(stored), addressKeyOf(stored), encodeBody(stored), valid.id, valid.version);
    return result.changes === 1;
  }

  async pageByStatus(statuses: CaseStatus[], after: CasePosition | undefined, limit: number): Promise<IntakeCase[]> {
    if (statuses.length === 0) return [];
    const marks = statuses.map(() => '?').join(', ');
    // Keyset paging: a case that changes status between pages shifts no other case in or out.
    return this.db
      .prepare<unknown[], Row>(`SELECT doc FROM cases WHERE status IN (${marks}) AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?`)
      .all(...statuses, after?.createdAt ?? '', after?.createdAt ?? '', after?.id ?? '', limit)
      .map(parse);
  }

  async listReportsAt(addressKey: string): Promise<IntakeCase[]> {
    return this.db.prepare<[string], Row>('SELECT doc FROM cases WHERE address_key = ? ORDER BY created_at, id').all(addressKey).map(parse);
  }

  async claim(caseId: string, connectorId: string, at: Date): Promise<boolean> {
    const result = this.db.prepare('INSERT OR IGNORE INTO claims (case_id, connector_id, claimed_at) VALUES (?, ?, ?)').run(caseId, connectorId, at.toISOString());
    return result.changes === 1;
  }

  async releaseClaim(caseId: string): Promise<void> {
    this.db.prepare('DELETE FROM claims WHERE case_id = ?').run(caseId);
  }

  async listByResident(residentKey: string): Promise<IntakeCase[]> {
    return this.db.prepare<[string], Row>('SELECT doc FROM cases WHERE resident_key = ? ORDER BY created_at').all(residentKey).map(parse);
  }
}

function insertValues(value: IntakeCase): unknown[] {
  return [value.id, value.residentKey, value.channel, value.conversationId, value.status, value.createdAt, value.updatedAt, value.version, ...figureValues(value), addressKeyOf(value), encodeBody(value)];
}

function figureValues(value: IntakeCase): [week: string, team: string, measures: string] {
  const measures = measuresOf(value);
  return [measures.week, measures.team, JSON.stringify(measures)];
}

function addressKeyOf(value: IntakeCase): string | null {
  return value.report?.place.key ?? null;
}

function parse(row: Row): IntakeCase {
  return caseSchema.parse(decodeBody(row.doc));
}

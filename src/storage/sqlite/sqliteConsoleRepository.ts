import {
  auditEntrySchema,
  caseNoteSchema,
  connectorAccountSchema,
  type AuditEntry,
  type CaseNote,
  type ConnectorAccount,
  type ConsoleRepository,
} from '../../connectors/consoleRepository';
import { decodeBody, encodeBody } from '../jsonBody';
import type { SqliteDatabase } from './database';

type DocRow = { doc: string };
type AuditRow = { at: string; connector_id: string; action: string; case_id: string | null; volunteer_id: string | null; result: string };

/** Connector accounts, audit log and private notes on SQLite; the username is unique by a UNIQUE column. */
export class SqliteConsoleRepository implements ConsoleRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async addConnector(account: ConnectorAccount): Promise<boolean> {
    const valid = connectorAccountSchema.parse(account);
    const result = this.db
      .prepare('INSERT OR IGNORE INTO connectors (id, username, teams_aad, doc) VALUES (?, ?, ?, ?)')
      .run(valid.id, valid.username, valid.teamsAadObjectId ?? null, encodeBody(valid));
    return result.changes === 1;
  }

  async findConnectorByUsername(username: string): Promise<ConnectorAccount | undefined> {
    const row = this.db.prepare<[string], DocRow>('SELECT doc FROM connectors WHERE username = ?').get(username);
    return row ? connectorAccountSchema.parse(decodeBody(row.doc)) : undefined;
  }

  async getConnector(id: string): Promise<ConnectorAccount | undefined> {
    const row = this.db.prepare<[string], DocRow>('SELECT doc FROM connectors WHERE id = ?').get(id);
    return row ? connectorAccountSchema.parse(decodeBody(row.doc)) : undefined;
  }

  async findConnectorByTeamsId(aadObjectId: string): Promise<ConnectorAccount | undefined> {
    const rows = this.db.prepare<[string], DocRow>('SELECT doc FROM connectors WHERE teams_aad = ? LIMIT 2').all(aadObjectId.toLowerCase());
    return rows.length === 1 ? connectorAccountSchema.parse(decodeBody(rows[0].doc)) : undefined;
  }

  async updateConnector(account: ConnectorAccount): Promise<boolean> {
    const valid = connectorAccountSchema.parse(account);
    return (
      this.db.prepare('UPDATE connectors SET doc = ?, teams_aad = ? WHERE id = ? AND username = ?').run(encodeBody(valid), valid.teamsAadObjectId ?? null, valid.id, valid.username).changes === 1
    );
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    const valid = auditEntrySchema.parse(entry);
    this.db
      .prepare('INSERT INTO audit (at, connector_id, action, case_id, volunteer_id, result) VALUES (?, ?, ?, ?, ?, ?)')
      .run(valid.at, valid.connectorId, valid.action, valid.caseId ?? null, valid.volunteerId ?? null, valid.result);
  }

  async listAudit(filter: { caseId?: string; connectorId?: string; volunteerId?: string }): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare<[{ caseId: string | null; connectorId: string | null; volunteerId: string | null }], AuditRow>(
        `SELECT at, connector_id, action, case_id, volunteer_id, result FROM audit
         WHERE (@caseId IS NULL OR case_id = @caseId) AND (@connectorId IS NULL OR connector_id = @connectorId) AND (@volunteerId IS NULL OR volunteer_id = @volunteerId) ORDER BY seq`,
      )
      .all({ caseId: filter.caseId ?? null, connectorId: filter.connectorId ?? null, volunteerId: filter.volunteerId ?? null });
    return rows.map((row) =>
      auditEntrySchema.parse({
        at: row.at,
        connectorId: row.connector_id,
        action: row.action,
        result: row.result,
        ...(row.case_id === null ? {} : { caseId: row.case_id }),
        ...(row.volunteer_id === null ? {} : { volunteerId: row.volunteer_id }),
      }),
    );
  }

  async addNote(note: CaseNote): Promise<void> {
    const valid = caseNoteSchema.parse(note);
    this.db.prepare('INSERT INTO notes (id, case_id, at, doc) VALUES (?, ?, ?, ?)').run(valid.id, valid.caseId, valid.at, encodeBody(valid));
  }

  async listNotes(caseId: string): Promise<CaseNote[]> {
    return this.db
      .prepare<[string], DocRow>('SELECT doc FROM notes WHERE case_id = ? ORDER BY at, rowid')
      .all(caseId)
      .map((row) => caseNoteSchema.parse(decodeBody(row.doc)));
  }
}

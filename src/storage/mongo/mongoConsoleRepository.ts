import type { Filter } from 'mongodb';
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
import { asValue } from '../queryValue';
import type { AuditDoc, ConnectorDoc, MongoCollections } from './collections';
import { insertUnique } from './uniqueInsert';

/** Connector accounts, audit log and private notes on MongoDB; a username is taken by a unique insert on `_id`. */
export class MongoConsoleRepository implements ConsoleRepository {
  constructor(private readonly c: MongoCollections) {}

  async addConnector(account: ConnectorAccount): Promise<boolean> {
    const valid = connectorAccountSchema.parse(account);
    return insertUnique(this.c.connectors, { _id: valid.username, ...connectorFields(valid) });
  }

  async findConnectorByUsername(username: string): Promise<ConnectorAccount | undefined> {
    const doc = await this.c.connectors.findOne({ _id: asValue(username, 'A username') });
    return doc ? connectorAccountSchema.parse(decodeBody(doc.body)) : undefined;
  }

  async getConnector(id: string): Promise<ConnectorAccount | undefined> {
    const doc = await this.c.connectors.findOne({ connectorId: asValue(id, 'A connector id') });
    return doc ? connectorAccountSchema.parse(decodeBody(doc.body)) : undefined;
  }

  async findConnectorByTeamsId(aadObjectId: string): Promise<ConnectorAccount | undefined> {
    const docs = await this.c.connectors.find({ teamsAadObjectId: asValue(aadObjectId, 'A Teams object id').toLowerCase() }).limit(2).toArray();
    return docs.length === 1 ? connectorAccountSchema.parse(decodeBody(docs[0].body)) : undefined;
  }

  async updateConnector(account: ConnectorAccount): Promise<boolean> {
    const valid = connectorAccountSchema.parse(account);
    const result = await this.c.connectors.replaceOne({ _id: valid.username, connectorId: valid.id }, connectorFields(valid));
    return result.matchedCount === 1;
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    const valid = auditEntrySchema.parse(entry);
    await this.c.audit.insertOne({
      at: new Date(valid.at),
      connectorId: valid.connectorId,
      action: valid.action,
      caseId: valid.caseId ?? null,
      ...(valid.volunteerId ? { volunteerId: valid.volunteerId } : {}),
      result: valid.result,
    } as AuditDoc);
  }

  async listAudit(filter: { caseId?: string; connectorId?: string; volunteerId?: string }): Promise<AuditEntry[]> {
    const query: Filter<AuditDoc> = {};
    if (filter.caseId !== undefined) query.caseId = asValue(filter.caseId, 'A case id');
    if (filter.connectorId !== undefined) query.connectorId = asValue(filter.connectorId, 'A connector id');
    if (filter.volunteerId !== undefined) query.volunteerId = asValue(filter.volunteerId, 'A volunteer id');
    const docs = await this.c.audit.find(query).sort({ at: 1, _id: 1 }).toArray();
    return docs.map((doc) =>
      auditEntrySchema.parse({
        at: doc.at.toISOString(),
        connectorId: doc.connectorId,
        action: doc.action,
        result: doc.result,
        ...(doc.caseId === null ? {} : { caseId: doc.caseId }),
        ...(doc.volunteerId ? { volunteerId: doc.volunteerId } : {}),
      }),
    );
  }

  async addNote(note: CaseNote): Promise<void> {
    const valid = caseNoteSchema.parse(note);
    await this.c.notes.insertOne({ _id: valid.id, caseId: valid.caseId, at: new Date(valid.at), body: encodeBody(valid) });
  }

  async listNotes(caseId: string): Promise<CaseNote[]> {
    const docs = await this.c.notes.find({ caseId: asValue(caseId, 'A case id') }).sort({ at: 1, _id: 1 }).toArray();
    return docs.map((doc) => caseNoteSchema.parse(decodeBody(doc.body)));
  }
}

/** The fields a lookup needs sit beside the encoded account. */
function connectorFields(account: ConnectorAccount): Omit<ConnectorDoc, '_id'> {
  return { connectorId: account.id, ...(account.teamsAadObjectId ? { teamsAadObjectId: account.teamsAadObjectId } : {}), body: encodeBody(account) };
}

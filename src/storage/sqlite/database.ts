import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { caseSchema } from '../../cases/case';
import { measuresOf } from '../../figures/measures';
import { residentIdOf } from '../residentScope';

export type SqliteDatabase = Database.Database;

const schema = `
CREATE TABLE IF NOT EXISTS state (
  key TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  doc TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS transcript (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  resident_id TEXT NOT NULL DEFAULT '',
  timestamp TEXT NOT NULL,
  activity TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  resident_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
  case_id TEXT PRIMARY KEY,
  connector_id TEXT NOT NULL,
  claimed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS connectors (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  connector_id TEXT NOT NULL,
  action TEXT NOT NULL,
  case_id TEXT,
  result TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS received_messages (
  key TEXT PRIMARY KEY,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_sessions (
  key TEXT PRIMARY KEY,
  connector_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS consent_refusals (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  week TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS volunteers (
  id TEXT PRIMARY KEY,
  volunteer_key TEXT NOT NULL UNIQUE,
  team TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  at TEXT NOT NULL,
  doc TEXT NOT NULL
);
`;

/** Columns added after the first tables were created; a database from before gets them on open. */
const addedColumns: Array<[table: string, column: string, definition: string]> = [
  ['state', 'updated_at', "TEXT NOT NULL DEFAULT ''"],
  ['transcript', 'resident_id', "TEXT NOT NULL DEFAULT ''"],
  ['cases', 'version', 'INTEGER NOT NULL DEFAULT 0'],
  ['connectors', 'teams_aad', 'TEXT'],
  // The figures' measures of a case (see measuresOf), with its week and team as columns for the index.
  ['cases', 'week', "TEXT NOT NULL DEFAULT ''"],
  ['cases', 'team', "TEXT NOT NULL DEFAULT ''"],
  ['cases', 'measures', "TEXT NOT NULL DEFAULT '{}'"],
  ['audit', 'volunteer_id', 'TEXT'],
  ['cases', 'address_key', 'TEXT'],
];

const indexes = `
CREATE INDEX IF NOT EXISTS state_updated ON state (updated_at);
CREATE INDEX IF NOT EXISTS transcript_conversation ON transcript (channel_id, conversation_id, timestamp, seq);
CREATE INDEX IF NOT EXISTS transcript_resident ON transcript (channel_id, resident_id);
CREATE INDEX IF NOT EXISTS transcript_timestamp ON transcript (timestamp);
CREATE INDEX IF NOT EXISTS cases_conversation ON cases (channel, conversation_id, status);
CREATE INDEX IF NOT EXISTS cases_resident ON cases (resident_key, created_at);
CREATE INDEX IF NOT EXISTS cases_status ON cases (status, created_at);
CREATE INDEX IF NOT EXISTS cases_closed ON cases (status, updated_at);
CREATE INDEX IF NOT EXISTS cases_team_week ON cases (team, week);
CREATE INDEX IF NOT EXISTS consent_refusals_week ON consent_refusals (week);
CREATE INDEX IF NOT EXISTS cases_address ON cases (address_key, created_at);
CREATE INDEX IF NOT EXISTS audit_case ON audit (case_id, seq);
CREATE INDEX IF NOT EXISTS connectors_teams ON connectors (teams_aad);
CREATE INDEX IF NOT EXISTS audit_connector ON audit (connector_id, seq);
CREATE INDEX IF NOT EXISTS notes_case ON notes (case_id, at);
CREATE INDEX IF NOT EXISTS volunteers_team ON volunteers (team);
CREATE INDEX IF NOT EXISTS volunteers_updated ON volunteers (updated_at);
CREATE INDEX IF NOT EXISTS audit_volunteer ON audit (volunteer_id, seq);
CREATE INDEX IF NOT EXISTS received_at ON received_messages (at);
CREATE INDEX IF NOT EXISTS console_sessions_connector ON console_sessions (connector_id);
`;

/**
 * Opens the embedded database. In WAL mode every committed write is in the WAL file when the call
 * returns, so a killed process never loses an acknowledged write. synchronous=NORMAL leaves the
 * fsync to checkpoints: a power cut can cost the last moments of writes but never corrupts the file,
 * and it keeps better-sqlite3 (which blocks the event loop) from stalling on an fsync per write,
 * about three times the throughput of FULL in `npm run bench`.
 */
export function openSqlite(dataDir: string, fileName = 'wijkverbinder.sqlite'): SqliteDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    db.exec(schema);
    const added = addedColumns.filter(([table, column, definition]) => addColumnIfMissing(db, table, column, definition));
    if (added.some(([table]) => table === 'transcript')) fileTranscriptsUnderResidents(db);
    if (added.some(([table, column]) => table === 'cases' && column === 'measures')) measureStoredCases(db);
    // Rows from before updated_at existed count as written now, so the first purge does not take them all.
    db.prepare("UPDATE state SET updated_at = ? WHERE updated_at = ''").run(new Date().toISOString());
    db.exec(indexes);
  })();
  keepCompiledStatements(db);
  return db;
}

const MAX_CACHED_STATEMENTS = 500;

/**
 * better-sqlite3 compiles the SQL on every prepare(), and the stores prepare per call: in a profile
 * of `npm run bench` that compiling was a few per cent of every turn. Each SQL text is compiled once
 * and kept; texts built from lists (IN (?, ?)) have few variants, and the cap guards against more.
 */
function keepCompiledStatements(db: SqliteDatabase): void {
  const compile = db.prepare.bind(db);
  const compiled = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    const known = compiled.get(source);
    if (known) return known;
    const statement = compile(source);
    if (compiled.size < MAX_CACHED_STATEMENTS) compiled.set(source, statement);
    return statement;
  }) as SqliteDatabase['prepare'];
}

function addColumnIfMissing(db: SqliteDatabase, table: string, column: string, definition: string): boolean {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
  if (columns.some((existing) => existing.name === column)) return false;
  db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  return true;
}

/** Rows logged before resident_id existed get it from their activity, so erasure and export find them too. */
function fileTranscriptsUnderResidents(db: SqliteDatabase): void {
  const update = db.prepare('UPDATE transcript SET resident_id = ? WHERE seq = ?');
  const page = db.prepare<[number], { seq: number; activity: string }>('SELECT seq, activity FROM transcript WHERE seq > ? ORDER BY seq LIMIT 1000');
  // A page at a time, read whole before writing: better-sqlite3 refuses a write while a read on the
  // same connection is still iterating, and a big transcript table should not sit in memory at once.
  for (let rows = page.all(0); rows.length > 0; rows = page.all(rows[rows.length - 1].seq)) {
    for (const row of rows) update.run(residentIdOf(JSON.parse(row.activity)), row.seq);
  }
}

/** Cases stored before the figures existed get their measures, so the figures count them too. */
function measureStoredCases(db: SqliteDatabase): void {
  const update = db.prepare('UPDATE cases SET week = ?, team = ?, measures = ? WHERE id = ?');
  // Read whole first: better-sqlite3 refuses a write while a read on the same connection is still iterating.
  for (const row of db.prepare<[], { id: string; doc: string }>('SELECT id, doc FROM cases').all()) {
    const measures = measuresOf(caseSchema.parse(JSON.parse(row.doc)));
    update.run(measures.week, measures.team, JSON.stringify(measures), row.id);
  }
}

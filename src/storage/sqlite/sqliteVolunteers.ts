import { byName, volunteerSchema, type Volunteer, type VolunteerRepository } from '../../buddies/volunteer';
import { decodeBody, encodeBody } from '../jsonBody';
import type { SqliteDatabase } from './database';

type DocRow = { doc: string };

/** Volunteers on SQLite: one row per volunteer key (a UNIQUE column), the document beside the columns a query needs. */
export class SqliteVolunteers implements VolunteerRepository {
  constructor(private readonly db: SqliteDatabase) {}

  async save(value: Volunteer): Promise<void> {
    const valid = volunteerSchema.parse(value);
    this.db
      .prepare(
        `INSERT INTO volunteers (id, volunteer_key, team, updated_at, doc) VALUES (@id, @key, @team, @updatedAt, @doc)
         ON CONFLICT(id) DO UPDATE SET volunteer_key = @key, team = @team, updated_at = @updatedAt, doc = @doc`,
      )
      .run({ id: valid.id, key: valid.volunteerKey, team: valid.team, updatedAt: valid.updatedAt, doc: encodeBody(valid) });
  }

  async get(id: string): Promise<Volunteer | undefined> {
    return this.one(this.db.prepare<[string], DocRow>('SELECT doc FROM volunteers WHERE id = ?').get(id));
  }

  async findByKey(volunteerKey: string): Promise<Volunteer | undefined> {
    return this.one(this.db.prepare<[string], DocRow>('SELECT doc FROM volunteers WHERE volunteer_key = ?').get(volunteerKey));
  }

  async listByTeam(team: string): Promise<Volunteer[]> {
    return this.db
      .prepare<[string], DocRow>('SELECT doc FROM volunteers WHERE team = ?')
      .all(team)
      .map((row) => volunteerSchema.parse(decodeBody(row.doc)))
      .sort(byName);
  }

  private one(row: DocRow | undefined): Volunteer | undefined {
    return row ? volunteerSchema.parse(decodeBody(row.doc)) : undefined;
  }
}

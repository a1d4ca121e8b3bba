import { byName, volunteerSchema, type Volunteer, type VolunteerRepository } from '../../buddies/volunteer';
import { decodeBody, encodeBody } from '../jsonBody';
import { asValue } from '../queryValue';
import type { MongoCollections, VolunteerDoc } from './collections';

/** Volunteers on MongoDB: `_id` is the volunteer key, so the same person signing up twice is one document. */
export class MongoVolunteers implements VolunteerRepository {
  constructor(private readonly c: MongoCollections) {}

  async save(value: Volunteer): Promise<void> {
    const valid = volunteerSchema.parse(value);
    const doc: VolunteerDoc = { _id: valid.volunteerKey, volunteerId: valid.id, team: valid.team, updatedAt: new Date(valid.updatedAt), body: encodeBody(valid) };
    await this.c.volunteers.replaceOne({ _id: doc._id }, doc, { upsert: true });
  }

  async get(id: string): Promise<Volunteer | undefined> {
    return this.one(await this.c.volunteers.findOne({ volunteerId: asValue(id, 'A volunteer id') }));
  }

  async findByKey(volunteerKey: string): Promise<Volunteer | undefined> {
    return this.one(await this.c.volunteers.findOne({ _id: asValue(volunteerKey, 'A volunteer key') }));
  }

  async listByTeam(team: string): Promise<Volunteer[]> {
    const docs = await this.c.volunteers.find({ team: asValue(team, 'A team') }).toArray();
    return docs.map((doc) => volunteerSchema.parse(decodeBody(doc.body))).sort(byName);
  }

  private one(doc: VolunteerDoc | null): Volunteer | undefined {
    return doc ? volunteerSchema.parse(decodeBody(doc.body)) : undefined;
  }
}

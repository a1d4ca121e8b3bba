import { z } from 'zod';
import { conversationRefSchema } from '../cases/case';

/** Active volunteers are suggested; a paused one is not, until they say they are back; a stopped one waits only for the retention purge. */
export const volunteerStatuses = ['active', 'paused', 'stopped'] as const;
export type VolunteerStatus = (typeof volunteerStatuses)[number];

/** How the volunteer wants the coordinator to reach them. */
export const contactWays = ['chat', 'bellen', 'langskomen'] as const;
export type ContactWay = (typeof contactWays)[number];

/** Whether a coordinator has seen the volunteer's VOG (certificate of conduct). */
export const vogStates = ['checked', 'unchecked'] as const;

export const volunteerSchema = z.object({
  id: z.string().min(1),
  /** channel:userId, like a resident key: the same person writing again is the same volunteer; erasure and export find them by it. */
  volunteerKey: z.string().min(1),
  channel: z.string().min(1),
  conversationId: z.string().min(1),
  conversationRef: conversationRefSchema,
  team: z.string().min(1),
  /** How residents and the coordinator may call them: a first name is enough. */
  name: z.string().trim().min(1).max(60),
  talents: z.array(z.string().min(1)),
  /** What they wrote about their talents, in their own words. */
  talentText: z.string().max(2000),
  days: z.array(z.string().min(1)),
  dayParts: z.array(z.string().min(1)),
  area: z.object({ given: z.string().max(100), postcode: z.string().optional() }),
  languages: z.array(z.string().min(1)),
  contact: z.enum(contactWays),
  consentAt: z.string(),
  status: z.enum(volunteerStatuses),
  screening: z.object({ vog: z.enum(vogStates), by: z.string().optional(), at: z.string().optional() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Volunteer = z.infer<typeof volunteerSchema>;

/** What the console can search the volunteers list by; every given field must match. */
export interface VolunteerFilter {
  talent?: string;
  /** The first digits of a postcode ("3021") or words of the area as the volunteer wrote it. */
  area?: string;
  language?: string;
  status?: VolunteerStatus;
}

/** Volunteers on either store. Erasure, export and retention of them go through ResidentData, with the residents'. */
export interface VolunteerRepository {
  /** Inserts or replaces; one volunteer per volunteerKey (a second sign-up updates the first). */
  save(value: Volunteer): Promise<void>;
  get(id: string): Promise<Volunteer | undefined>;
  findByKey(volunteerKey: string): Promise<Volunteer | undefined>;
  /** A team's volunteers, by name. */
  listByTeam(team: string): Promise<Volunteer[]>;
}

export function matchesFilter(value: Volunteer, filter: VolunteerFilter): boolean {
  const area = filter.area?.trim().toLowerCase();
  return (
    (!filter.talent || value.talents.includes(filter.talent)) &&
    (!filter.language || value.languages.includes(filter.language)) &&
    (!filter.status || value.status === filter.status) &&
    (!area || (value.area.postcode ?? '').toLowerCase().startsWith(area.replace(/\s+/g, '')) || value.area.given.toLowerCase().includes(area))
  );
}

/** The list order: by name as a Dutch reader sorts, the id keeping it stable. */
export function byName(a: Volunteer, b: Volunteer): number {
  return a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id);
}

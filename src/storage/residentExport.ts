import type { TranscriptStore } from 'botbuilder';
import type { VolunteerRepository } from '../buddies/volunteer';
import { residentKeyOf, type IntakeCase } from '../cases/case';
import type { CaseRepository } from '../cases/caseRepository';
import type { ConsoleRepository } from '../connectors/consoleRepository';
import type { ClaimRecord, ResidentExport } from './residentData';
import { stateKeyRanges, type StateKeyRange } from './residentScope';

/** The few look-ups the AVG duties need beyond the public interfaces; each store answers them in its own query language. */
export interface ResidentLookup {
  /** Conversations whose transcript rows are filed under the resident, and those their cases were held in. */
  conversationsOf(channel: string, userId: string): Promise<string[]>;
  /** Stored state documents (without eTag) whose keys fall in the ranges. */
  stateWithin(ranges: StateKeyRange[]): Promise<Record<string, unknown>>;
  claimsOf(caseIds: string[]): Promise<ClaimRecord[]>;
}

/** Gathers an inzageverzoek answer the same way for every store: through the repository and transcript interfaces plus the look-ups. */
export async function collectResidentExport(
  sources: { cases: CaseRepository; transcripts: TranscriptStore; console: ConsoleRepository; volunteers: VolunteerRepository; lookup: ResidentLookup },
  channel: string,
  userId: string,
  exportedAt: Date,
): Promise<ResidentExport> {
  const residentKey = residentKeyOf(channel, userId);
  const conversations = await sources.lookup.conversationsOf(channel, userId);
  const cases = await sources.cases.listByResident(residentKey);
  const transcripts: unknown[] = [];
  for (const conversationId of conversations) {
    let token: string | undefined;
    do {
      const page = await sources.transcripts.getTranscriptActivities(channel, conversationId, token);
      transcripts.push(...page.items);
      token = page.continuationToken || undefined;
    } while (token);
  }
  return {
    residentKey,
    exportedAt: exportedAt.toISOString(),
    cases,
    claims: await sources.lookup.claimsOf(cases.map((value) => value.id)),
    notes: await collect(cases, (value) => sources.console.listNotes(value.id)),
    audit: await collect(cases, (value) => sources.console.listAudit({ caseId: value.id })),
    transcripts,
    state: await sources.lookup.stateWithin(stateKeyRanges(channel, userId, conversations)),
    volunteer: (await sources.volunteers.findByKey(residentKey)) ?? null,
  };
}

async function collect<T>(cases: IntakeCase[], listOf: (value: IntakeCase) => Promise<T[]>): Promise<T[]> {
  const lists: T[][] = [];
  for (const value of cases) lists.push(await listOf(value));
  return lists.flat();
}

import { setImmediate as nextTurnOfLoop } from 'node:timers/promises';
import type { CaseStatus, IntakeCase } from './case';

/** Where a listing stopped: the last case of the page before (cases list by creation time, then id). */
export type CasePosition = Pick<IntakeCase, 'createdAt' | 'id'>;

/** What the dialogs, triage hook and console need from case storage; implemented per store. */
export interface CaseRepository {
  get(id: string): Promise<IntakeCase | undefined>;
  /** The case still being worked on in a conversation (not closed), if any. */
  findActiveByConversation(channel: string, conversationId: string): Promise<IntakeCase | undefined>;
  /** Inserts or replaces the whole case as it is, whatever is stored (set-up, tests and migrations). */
  save(value: IntakeCase): Promise<void>;
  /**
   * Stores `next` as version `next.version + 1` only if the stored case is still at `next.version`
   * (`create`: only if there is none yet); false when someone else wrote in between, also from
   * another process. Use it through `updateCase`, which reads again and retries.
   */
  replace(next: IntakeCase, create: boolean): Promise<boolean>;
  listByResident(residentKey: string): Promise<IntakeCase[]>;
  /** Up to `limit` cases with one of these statuses that come after `after`, oldest first. Use `eachByStatus`. */
  pageByStatus(statuses: CaseStatus[], after: CasePosition | undefined, limit: number): Promise<IntakeCase[]>;
  /** The reports about one address (its normalised key), oldest first. */
  listReportsAt(addressKey: string): Promise<IntakeCase[]>;
  /**
   * Takes a case for one connector. Exactly one of any number of concurrent callers wins, on every
   * server, because it is decided by a unique insert (the one write that is atomic everywhere).
   * Resolves true for the winner, false for everyone else and for a case that is already claimed.
   */
  claim(caseId: string, connectorId: string, at: Date): Promise<boolean>;
  /** Ends the current claim so the case can be claimed again. */
  releaseClaim(caseId: string): Promise<void>;
}

const PAGE_SIZE = 100;

/**
 * Every case with one of these statuses, oldest first, a page at a time. Between pages the event
 * loop serves waiting turns first: a timer or console list over thousands of open cases would
 * otherwise parse them all in one go and hold every resident's answer up for that long.
 */
export async function* eachByStatus(cases: CaseRepository, statuses: CaseStatus[], pageSize = PAGE_SIZE): AsyncGenerator<IntakeCase> {
  let after: CasePosition | undefined;
  for (;;) {
    const page = await cases.pageByStatus(statuses, after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
    await nextTurnOfLoop();
  }
}

/** `eachByStatus` gathered into one list, for callers that sort or count the whole set. */
export async function listByStatus(cases: CaseRepository, statuses: CaseStatus[]): Promise<IntakeCase[]> {
  const all: IntakeCase[] = [];
  for await (const value of eachByStatus(cases, statuses)) all.push(value);
  return all;
}

const MAX_ATTEMPTS = 20;

export class CaseConflictError extends Error {}

/**
 * One writer per case, on every server: reads the case, applies `change` to what is stored now, and
 * stores the result only over the version it read, trying again when another writer came first.
 * `change` must be a pure function of the case (it may run more than once); undefined leaves it be.
 * A case that does not exist yet is created from `create()`. `known`: the case as the caller just read it, saving a read.
 */
export async function updateCase(
  cases: CaseRepository,
  id: string,
  change: (current: IntakeCase) => IntakeCase | undefined,
  create?: () => IntakeCase,
  known?: IntakeCase,
): Promise<IntakeCase | undefined> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // A case the caller has just read is tried as it is: if it changed since, the versioned write fails and the loop reads again.
    const stored = attempt === 0 && known?.id === id ? known : await cases.get(id);
    const current = stored ?? create?.();
    if (!current) return undefined;
    const next = change(current);
    if (!next) return current;
    if (await cases.replace({ ...next, version: current.version }, stored === undefined)) return { ...next, version: current.version + 1 };
    // Writers that keep colliding (several processes on a slow store) step apart a little more each time.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
  }
  throw new CaseConflictError(`case ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
}

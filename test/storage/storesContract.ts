import type { Stores } from '../../src/storage/stores';
import { caseContract } from './caseContract';
import { consoleContract } from './consoleContract';
import { figuresContract } from './figuresContract';
import { instancesContract } from './instancesContract';
import { receivedContract } from './receivedContract';
import { residentDataContract } from './residentDataContract';
import { storageContract } from './storageContract';
import { transcriptContract } from './transcriptContract';
import { volunteerContract } from './volunteerContract';

/** A test clock: stores stamp state writes with it; unset, it is the real time. */
export class TestClock {
  value?: Date;
  readonly now = (): Date => this.value ?? new Date();
}

export interface OpenedStores {
  stores: Stores;
  /** Every row of every collection or table, read straight from the database (not through the stores). */
  dumpAll(): Promise<Record<string, unknown[]>>;
  close(): Promise<void>;
}

/** Opens a fresh, empty store for one test, its state stamped by the given clock. */
export type OpenStores = (clock: TestClock) => Promise<OpenedStores>;

/** The shared contract: every store (embedded and MongoDB) must pass all of it. */
export function storesContract(name: string, open: OpenStores): void {
  storageContract(name, open);
  transcriptContract(name, open);
  caseContract(name, open);
  consoleContract(name, open);
  residentDataContract(name, open);
  receivedContract(name, open);
  instancesContract(name, open);
  figuresContract(name, open);
  volunteerContract(name, open);
}

/** beforeEach/afterEach wiring shared by the contract parts. */
export function useStores(open: OpenStores): { readonly current: OpenedStores; readonly clock: TestClock } {
  const handle = { current: undefined as unknown as OpenedStores, clock: new TestClock() };
  beforeEach(async () => {
    handle.clock = new TestClock();
    handle.current = await open(handle.clock);
  });
  afterEach(() => handle.current.close());
  return handle;
}

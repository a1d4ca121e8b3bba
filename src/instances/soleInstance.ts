import type { Leases } from './ports';

/** On the embedded store this process is the only instance, so it holds every lease. */
export const soleInstanceLeases: Leases = {
  acquire: async () => true,
  release: async () => undefined,
};

import type { ConnectorAvailability, ConnectorRef } from '../handoff/ports';

export const presenceStatuses = ['online', 'away'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

export interface PresentConnector {
  id: string;
  displayName: string;
  status: PresenceStatus;
}

type PresenceListener = (team: string) => void;

interface Entry {
  connector: ConnectorRef;
  status: PresenceStatus;
  streams: number;
}

/**
 * Who has the console open, and whether they said they are online or away. A connector counts as
 * available only while online with at least one live stream open, so closing the browser (or
 * losing the network) makes them unavailable without their doing anything: the bot then tells the
 * resident honestly that nobody is there.
 */
export class Presence implements ConnectorAvailability {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<PresenceListener>();

  anyoneAvailable(team: string): boolean {
    return this.present(team).some((connector) => connector.status === 'online');
  }

  /** Connectors of a team with the console open, by name. */
  present(team: string): PresentConnector[] {
    return [...this.entries.values()]
      .filter((entry) => entry.connector.team === team && entry.streams > 0)
      .map((entry) => ({ id: entry.connector.id, displayName: entry.connector.displayName, status: entry.status }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }

  statusOf(connectorId: string): PresenceStatus {
    return this.entries.get(connectorId)?.status ?? 'online';
  }

  /** A live stream opened; returns the function to call when it closes. */
  connect(connector: ConnectorRef): () => void {
    const entry = this.entry(connector);
    entry.streams += 1;
    this.changed(connector.team);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      entry.streams -= 1;
      this.changed(connector.team);
    };
  }

  setStatus(connector: ConnectorRef, status: PresenceStatus): void {
    this.entry(connector).status = status;
    this.changed(connector.team);
  }

  /** Calls `listener` with the team whenever someone of it comes, goes or changes status. */
  subscribe(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entry(connector: ConnectorRef): Entry {
    let entry = this.entries.get(connector.id);
    if (!entry) {
      // Logging in to the console is coming to work: online until the connector says otherwise.
      entry = { connector, status: 'online', streams: 0 };
      this.entries.set(connector.id, entry);
    }
    return entry;
  }

  private changed(team: string): void {
    this.listeners.forEach((listener) => listener(team));
  }
}

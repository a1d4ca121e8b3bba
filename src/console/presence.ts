import { z } from 'zod';
import type { ConnectorAvailability, ConnectorRef } from '../handoff/ports';
import type { EventBus } from '../instances/ports';
import { errorFields, type Logger } from '../log';

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
  /** Open live streams per instance, with when that instance last said so. */
  streams: Map<string, { count: number; seenAt: number }>;
}

export interface PresenceOptions {
  /** This instance, as other instances know it. */
  instance: string;
  bus: EventBus;
  log: Logger;
  /** Real time for the heartbeats (not the business clock): an instance that stops repeating itself is gone. */
  clock?: () => number;
  heartbeatMs?: number;
}

const TOPIC = 'presence';
const connectorSchema = z.object({ id: z.string().min(1), displayName: z.string(), team: z.string() });
const announcement = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), instance: z.string().min(1), connector: connectorSchema, status: z.enum(presenceStatuses), streams: z.number().int().min(0) }),
  z.object({ kind: z.literal('hello'), instance: z.string().min(1) }),
]);
type Announcement = z.infer<typeof announcement>;

/**
 * Who has the console open, and whether they said they are online or away. A connector counts as
 * available only while online with at least one live stream open, on any instance, so closing the
 * browser (or losing the network) makes them unavailable without their doing anything: the bot then
 * tells the resident honestly that nobody is there. Instances tell each other their own streams on
 * the event bus and repeat it on a heartbeat; the streams of an instance that falls silent for three
 * heartbeats no longer count.
 */
export class Presence implements ConnectorAvailability {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<PresenceListener>();
  private readonly clock: () => number;
  private readonly heartbeatMs: number;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopListening: () => void;

  constructor(private readonly options: PresenceOptions) {
    this.clock = options.clock ?? Date.now;
    this.heartbeatMs = options.heartbeatMs ?? 10_000;
    this.stopListening = options.bus.subscribe<unknown>(TOPIC, (event) => {
      const parsed = announcement.safeParse(event.payload);
      if (parsed.success && parsed.data.instance !== options.instance) this.heard(parsed.data);
    });
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    // A new instance asks the others to say who they have, instead of waiting for their next heartbeat.
    this.announce({ kind: 'hello', instance: options.instance });
  }

  anyoneAvailable(team: string): boolean {
    return this.present(team).some((connector) => connector.status === 'online');
  }

  /** Connectors of a team with the console open, by name. */
  present(team: string): PresentConnector[] {
    return [...this.entries.values()]
      .filter((entry) => entry.connector.team === team && this.openStreams(entry) > 0)
      .map((entry) => ({ id: entry.connector.id, displayName: entry.connector.displayName, status: entry.status }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
  }

  statusOf(connectorId: string): PresenceStatus {
    return this.entries.get(connectorId)?.status ?? 'online';
  }

  /** A live stream opened; returns the function to call when it closes. */
  connect(connector: ConnectorRef): () => void {
    this.changeLocal(connector, (_entry, own) => {
      own.count += 1;
    });
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.changeLocal(connector, (_entry, own) => {
        own.count -= 1;
      });
    };
  }

  setStatus(connector: ConnectorRef, status: PresenceStatus): void {
    this.changeLocal(connector, (entry) => {
      entry.status = status;
    });
  }

  /** Calls `listener` with the team whenever someone of it comes, goes or changes status. */
  subscribe(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.stopListening();
  }

  private changeLocal(connector: ConnectorRef, change: (entry: Entry, own: { count: number; seenAt: number }) => void): void {
    const entry = this.entry(connector);
    const own = entry.streams.get(this.options.instance) ?? { count: 0, seenAt: this.clock() };
    change(entry, own);
    own.seenAt = this.clock();
    entry.streams.set(this.options.instance, own);
    this.changed(connector.team);
    this.announce(this.stateOf(entry));
  }

  private heard(message: Announcement): void {
    if (message.kind === 'hello') {
      this.beat();
      return;
    }
    const entry = this.entry(message.connector);
    const shown = () => (this.openStreams(entry) > 0 ? entry.status : 'absent');
    const before = shown();
    entry.status = message.status;
    entry.streams.set(message.instance, { count: message.streams, seenAt: this.clock() });
    // A heartbeat that changes nothing does not wake every console.
    if (shown() !== before) this.changed(entry.connector.team);
  }

  /** Repeats this instance's own streams (and statuses set here), and forgets instances that fell silent. */
  private beat(): void {
    const silentSince = this.clock() - 3 * this.heartbeatMs;
    for (const entry of this.entries.values()) {
      const own = entry.streams.get(this.options.instance);
      if (own && (own.count > 0 || entry.status !== 'online')) this.announce(this.stateOf(entry));
      let dropped = false;
      for (const [instance, streams] of entry.streams) {
        if (instance !== this.options.instance && streams.seenAt < silentSince) dropped = entry.streams.delete(instance) || dropped;
      }
      if (dropped) this.changed(entry.connector.team);
    }
  }

  private stateOf(entry: Entry): Announcement {
    return { kind: 'state', instance: this.options.instance, connector: entry.connector, status: entry.status, streams: entry.streams.get(this.options.instance)?.count ?? 0 };
  }

  private announce(message: Announcement): void {
    this.options.bus.publish(TOPIC, message).catch((error: unknown) => this.options.log.error({ ...errorFields(error) }, 'presence not shared'));
  }

  private openStreams(entry: Entry): number {
    let count = 0;
    for (const streams of entry.streams.values()) count += streams.count;
    return count;
  }

  private entry(connector: ConnectorRef): Entry {
    let entry = this.entries.get(connector.id);
    if (!entry) {
      // Logging in to the console is coming to work: online until the connector says otherwise.
      entry = { connector, status: 'online', streams: new Map() };
      this.entries.set(connector.id, entry);
    }
    return entry;
  }

  private changed(team: string): void {
    this.listeners.forEach((listener) => listener(team));
  }
}

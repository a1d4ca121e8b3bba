/** One event for the page: a bot message (or a typing hint) with a sequence number for replay. */
export interface ChatEvent {
  seq: number;
  activity: Record<string, unknown>;
}

type Listener = (event: ChatEvent) => void;

interface Room {
  seq: number;
  backlog: ChatEvent[];
  listeners: Set<Listener>;
  lastUsed: number;
}

export interface HubOptions {
  backlogSize?: number;
  idleMs?: number;
  now?: () => number;
}

/**
 * Fans bot messages out to the open pages of a conversation. A short backlog lets a page that
 * reconnects (Last-Event-ID) or opens its stream late receive what it missed; rooms nobody
 * listens to are forgotten after a while, their messages stay in the transcript.
 */
export class ChatHub {
  private readonly rooms = new Map<string, Room>();
  private readonly backlogSize: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: HubOptions = {}) {
    this.backlogSize = options.backlogSize ?? 200;
    this.idleMs = options.idleMs ?? 2 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** `transient`: only for pages open now (a typing hint), never replayed; `seq`: the event's id on the bus, the same on every instance. */
  publish(conversationId: string, activity: Record<string, unknown>, options: { transient?: boolean; seq?: number } = {}): ChatEvent {
    const room = this.room(conversationId);
    room.seq = Math.max(room.seq + 1, options.seq ?? 0);
    const event = { seq: room.seq, activity };
    if (!options.transient) room.backlog.push(event);
    if (room.backlog.length > this.backlogSize) room.backlog.shift();
    room.listeners.forEach((listener) => listener(event));
    return event;
  }

  /** Replays what came after `afterSeq`, then streams; returns the unsubscribe function. */
  subscribe(conversationId: string, afterSeq: number, listener: Listener): () => void {
    const room = this.room(conversationId);
    room.backlog.filter((event) => event.seq > afterSeq).forEach(listener);
    room.listeners.add(listener);
    return () => {
      room.listeners.delete(listener);
      room.lastUsed = this.now();
    };
  }

  listenerCount(conversationId: string): number {
    return this.rooms.get(conversationId)?.listeners.size ?? 0;
  }

  /** Forgets what a conversation's page could still replay (after erasure); open streams stay connected. */
  forget(conversationId: string): void {
    const room = this.rooms.get(conversationId);
    if (room) room.backlog = [];
  }

  /** Drops idle rooms nobody listens to; call it from a timer. */
  sweep(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, room] of this.rooms) {
      if (room.listeners.size === 0 && room.lastUsed < cutoff) this.rooms.delete(id);
    }
  }

  private room(conversationId: string): Room {
    let room = this.rooms.get(conversationId);
    if (!room) {
      room = { seq: 0, backlog: [], listeners: new Set(), lastUsed: this.now() };
      this.rooms.set(conversationId, room);
    }
    room.lastUsed = this.now();
    return room;
  }
}

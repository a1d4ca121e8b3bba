import { randomUUID } from 'node:crypto';
import { ActivityEventNames, ActivityTypes, HandoffEventNames, type Activity, type Middleware, type TranscriptStore, type TurnContext } from 'botbuilder';
import { errorFields, type Logger } from '../../log';
import type { TurnTranscriptStore } from '../../storage/stores';

export type ShouldLog = (context: TurnContext) => Promise<boolean>;

function logsWholeTurns(store: TranscriptStore): store is TurnTranscriptStore {
  return typeof (store as Partial<TurnTranscriptStore>).logActivities === 'function';
}

const ATTEMPTS = 3;

/**
 * Stores every message in and out of a turn. Unlike botbuilder's TranscriptLoggerMiddleware,
 * which fires and forgets, each write is awaited and retried; a write that still fails fails the
 * turn, so the error handler tells the resident and the loss is never silent.
 * The shouldLog gate runs after the turn so the answer that gives consent is itself kept.
 */
export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly store: TranscriptStore,
    private readonly shouldLog: ShouldLog,
    private readonly log: Logger,
    // Stamps what the channel did not: the same clock as the cases, so a case's transcript window lines up.
    private readonly now: () => Date = () => new Date(),
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // Stamped on arrival: the replies are stamped as they go, so a later stamp would list the message after its own answers.
    const arrived = context.activity.timestamp ?? this.now();
    const outgoing: Activity[] = [];
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      const responses = await sendNext();
      activities.forEach((activity, index) => {
        // The handoff initiation event carries a copy of this very transcript.
        if (activity.type === ActivityTypes.Event && activity.name === HandoffEventNames.InitiateHandoff) return;
        outgoing.push({ ...activity, id: responses[index]?.id ?? activity.id ?? randomUUID(), timestamp: activity.timestamp ?? this.now() } as Activity);
      });
      return responses;
    });
    try {
      await next();
    } finally {
      if (await this.shouldLog(context)) {
        const incoming = { ...context.activity, timestamp: arrived } as Activity;
        // A proactive turn (a wijkverbinder writing) has nothing incoming, only the adapter's ContinueConversation event.
        const proactive = incoming.type === ActivityTypes.Event && incoming.name === ActivityEventNames.ContinueConversation;
        const turn = proactive ? outgoing : [incoming, ...outgoing];
        if (logsWholeTurns(this.store)) await this.write(turn, (activities) => (this.store as TurnTranscriptStore).logActivities(activities));
        else for (const activity of turn) await this.write([activity], async ([one]) => this.store.logActivity(one));
      }
    }
  }

  private async write(activities: Activity[], store: (activities: Activity[]) => Promise<void>): Promise<void> {
    if (activities.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        return await store(activities);
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          this.log.error({ ...errorFields(error), conversation: activities[0].conversation?.id, attempt }, 'transcript write failed');
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }
}

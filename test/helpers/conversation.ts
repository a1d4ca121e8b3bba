import { ActivityEventNames, ActivityTypes, TestAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { createBot } from '../../src/bot/createBot';
import { ProactiveMessenger } from '../../src/channels/proactive';
import { createHandoffService, type HandoffCore, type HandoffSettings } from '../../src/handoff/handoffService';
import { BUDDY_SETTINGS, createBuddyService, type BuddyService } from '../../src/buddies/buddyService';
import { parseOfficeHours, type OfficeHours } from '../../src/handoff/officeHours';
import type { ConnectorAvailability } from '../../src/handoff/ports';
import { textsFor } from '../../src/i18n/texts';
import { createLogger } from '../../src/log';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { Stores } from '../../src/storage/stores';
import { createTriage, loadRules } from '../../src/triage';
import { clockFrom } from './clock';
import { removeDir, tempDir } from './tempDir';

export const texts = textsFor();
/** The end-of-intake follow-up question, as the rule file words it. */
export const followUpTexts = loadRules().followUp!;

export interface TestConversation {
  /** Sends one resident message and returns the texts of the bot's replies to it. */
  say(text: string | Partial<Activity>): Promise<string[]>;
  /** The full reply activities of the last turn (suggested actions and all). */
  lastReplies: Partial<Activity>[];
  adapter: TestAdapter;
  stores: Stores;
  handoff: HandoffCore;
  buddies: BuddyService;
  /** Texts the bot sent on its own (a wijkverbinder's messages) since the last call. */
  takeProactive(): string[];
  close(): Promise<void>;
}

/** TestAdapter cannot write proactively; this one runs such a turn through the middleware, as the real adapters do. */
class ProactiveTestAdapter extends TestAdapter {
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const event = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: ActivityEventNames.ContinueConversation }, reference, true);
    await this.runMiddleware(new TurnContext(this, event as Activity), logic);
  }

  override async continueConversationAsync(_appId: unknown, reference: Partial<ConversationReference>, logic: unknown): Promise<void> {
    await this.continueConversation(reference, logic as (context: TurnContext) => Promise<void>);
  }
}

export interface ConversationOptions {
  stores?: Stores;
  locale?: string;
  channelId?: string;
  now?: () => Date;
  availability?: ConnectorAvailability;
  /** OFFICE_HOURS syntax; open around the clock unless given, so replies do not depend on when the tests run. */
  officeHours?: string;
  settings?: Partial<HandoffSettings>;
}

export const TEST_TEAM = 'bospolder-tussendijken';

/** The real bot, dialogs, triage, handoff and embedded store, driven through botbuilder's TestAdapter. */
export function startConversation(options: ConversationOptions = {}): TestConversation {
  const dataDir = options.stores ? undefined : tempDir();
  const stores = options.stores ?? openSqliteStores(dataDir!);
  const log = createLogger('silent');
  let logic: (context: TurnContext) => Promise<void> = async () => undefined;
  const now = options.now ?? clockFrom();
  const adapter = new ProactiveTestAdapter((context) => logic(context));
  if (options.channelId) adapter.conversation.channelId = options.channelId;
  const handoff = createHandoffService({
    cases: stores.cases,
    transcripts: stores.transcripts,
    messenger: new ProactiveMessenger({}, adapter, ''),
    bus: stores.bus,
    guard: stores.guard,
    texts,
    log,
    settings: { defaultTeam: TEST_TEAM, replyTimeoutMinutes: 30, reopenWithinDays: 14, ...options.settings },
    now,
  });
  const officeHours = parseOfficeHours(options.officeHours ?? 'ma-zo 00:00-24:00') as OfficeHours;
  const buddies = createBuddyService({
    cases: stores.cases,
    volunteers: stores.volunteers,
    guard: stores.guard,
    bus: stores.bus,
    messenger: new ProactiveMessenger({}, adapter, ''),
    handoff,
    texts,
    log,
    officeHours,
    settings: { ...BUDDY_SETTINGS, reopenWithinDays: 14 },
    now,
  });
  const wired = createBot({
    stores,
    texts,
    triage: createTriage(),
    log,
    retentionDays: 365,
    maxMessageChars: 4000,
    now,
    handoff: { service: handoff, availability: options.availability ?? { anyoneAvailable: () => false }, officeHours },
    buddies: { service: buddies, team: TEST_TEAM },
  });
  logic = wired.logic;
  if (options.locale) adapter.locale = options.locale;
  wired.attach(adapter);
  const conversation: TestConversation = {
    lastReplies: [],
    adapter,
    stores,
    handoff,
    buddies,
    takeProactive: () => adapter.activeQueue.splice(0).map((activity) => activity.text ?? ''),
    async say(text) {
      await adapter.receiveActivity(text);
      conversation.lastReplies = adapter.activeQueue.splice(0);
      return conversation.lastReplies.map((activity) => activity.text ?? '');
    },
    async close() {
      if (dataDir) {
        await stores.close();
        removeDir(dataDir);
      }
    },
  };
  return conversation;
}

/** Greeting and consent, so a test can start at the first question. */
export async function consentGiven(conversation: TestConversation): Promise<void> {
  await conversation.say('hallo');
  await conversation.say('ja');
}

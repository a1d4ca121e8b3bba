import { TestAdapter, type Activity } from 'botbuilder';
import { createBot } from '../../src/bot/createBot';
import { textsFor } from '../../src/i18n/texts';
import { createLogger } from '../../src/log';
import { openSqliteStores } from '../../src/storage/sqlite/sqliteStores';
import type { Stores } from '../../src/storage/stores';
import { createTriage } from '../../src/triage';
import { removeDir, tempDir } from './tempDir';

export const texts = textsFor();

export interface TestConversation {
  /** Sends one resident message and returns the texts of the bot's replies to it. */
  say(text: string | Partial<Activity>): Promise<string[]>;
  /** The full reply activities of the last turn (suggested actions and all). */
  lastReplies: Partial<Activity>[];
  adapter: TestAdapter;
  stores: Stores;
  close(): Promise<void>;
}

/** The real bot, dialogs, triage and embedded store, driven through botbuilder's TestAdapter. */
export function startConversation(options: { stores?: Stores; locale?: string } = {}): TestConversation {
  const dataDir = options.stores ? undefined : tempDir();
  const stores = options.stores ?? openSqliteStores(dataDir!);
  const wired = createBot({ stores, texts, triage: createTriage(), log: createLogger('silent'), retentionDays: 365, maxMessageChars: 4000 });
  const adapter = new TestAdapter(wired.logic);
  if (options.locale) adapter.locale = options.locale;
  wired.attach(adapter);
  const conversation: TestConversation = {
    lastReplies: [],
    adapter,
    stores,
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

import type { BotAdapter, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { CaseRepository } from '../../cases/caseRepository';
import { recordDeliveryFailure } from '../../cases/deliveryFailure';
import type { Config } from '../../config/config';
import type { ReplyWindowRule } from '../../handoff/replyWindow';
import type { Texts } from '../../i18n/texts';
import type { Logger } from '../../log';
import type { ReceivedMessages } from '../../storage/receivedMessages';
import { DEFAULT_RETRY, GraphClient, type RetryPolicy } from './graphClient';
import { registerWhatsAppRoutes, type WhatsAppWebhook } from './routes';
import { WHATSAPP_CHANNEL, WhatsAppAdapter } from './whatsappAdapter';

// Meta's customer-service window: free-form messages only within 24 hours of the resident's last message.
const SERVICE_WINDOW_HOURS = 24;

export interface WhatsAppChannel {
  adapter: WhatsAppAdapter;
  adapters: Record<string, BotAdapter>;
  replyWindows: Record<string, ReplyWindowRule>;
  register(server: Server, logic: (context: TurnContext) => Promise<void>, received: ReceivedMessages): void;
  /** Resolves once every accepted webhook delivery has been processed. */
  idle(): Promise<void>;
}

/** The WhatsApp channel when all its settings are there (the config refuses some-but-not-all); undefined otherwise, and its routes then do not exist. */
export function createWhatsAppChannel(
  config: Config,
  deps: { cases: CaseRepository; texts: Texts; log: Logger; now: () => Date; retry?: RetryPolicy },
): WhatsAppChannel | undefined {
  const { WHATSAPP_VERIFY_TOKEN: verifyToken, WHATSAPP_APP_SECRET: appSecret, WHATSAPP_TOKEN: token, WHATSAPP_PHONE_NUMBER_ID: phoneNumberId } = config;
  if (!verifyToken || !appSecret || !token || !phoneNumberId) return undefined;
  const client = new GraphClient({ baseUrl: config.WHATSAPP_API_BASE_URL, version: config.WHATSAPP_API_VERSION, token, phoneNumberId }, deps.retry ?? DEFAULT_RETRY);
  const deliveryFailed = async (conversationId: string, reason: string) => {
    await recordDeliveryFailure(deps.cases, { channel: WHATSAPP_CHANNEL, conversationId, userId: conversationId }, reason, deps.now());
  };
  const template = config.WHATSAPP_TEMPLATE_REOPEN;
  const adapter = new WhatsAppAdapter({
    client,
    texts: deps.texts.whatsapp,
    reopenTemplate: template ? { name: template, language: config.WHATSAPP_TEMPLATE_LANGUAGE } : undefined,
    deliveryFailed,
    log: deps.log,
    now: deps.now,
  });
  let webhook: WhatsAppWebhook | undefined;
  return {
    adapter,
    adapters: { [WHATSAPP_CHANNEL]: adapter },
    replyWindows: { [WHATSAPP_CHANNEL]: { hours: SERVICE_WINDOW_HOURS, template } },
    register(server, logic, received) {
      webhook = registerWhatsAppRoutes(server, { adapter, logic, received, verifyToken, appSecret, phoneNumberId, deliveryFailed, log: deps.log, now: deps.now });
    },
    idle: () => webhook?.idle() ?? Promise.resolve(),
  };
}

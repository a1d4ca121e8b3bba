import type { TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { KeyedLock } from '../../instances/keyedLock';
import { errorFields, type Logger } from '../../log';
import { sendError } from '../../server/httpErrors';
import type { RawBodyRequest } from '../../server/httpServer';
import type { ReceivedMessages } from '../../storage/receivedMessages';
import { eventsOf, webhookPayload, type DeliveryStatus } from './payload';
import { sameSecret, validSignature } from './signature';
import { WHATSAPP_CHANNEL, type WhatsAppAdapter } from './whatsappAdapter';

export const WHATSAPP_PATH = '/api/whatsapp';

export interface WhatsAppRouteDeps {
  adapter: WhatsAppAdapter;
  logic: (context: TurnContext) => Promise<void>;
  received: ReceivedMessages;
  verifyToken: string;
  appSecret: string;
  phoneNumberId: string;
  /** Meta reports a message it could not deliver: the resident's case records it. */
  deliveryFailed(conversationId: string, reason: string): Promise<void>;
  log: Logger;
  now: () => Date;
}

export interface WhatsAppWebhook {
  /** Resolves once every accepted delivery has been processed (the webhook answers before that). */
  idle(): Promise<void>;
}

/**
 * Meta's webhook: the verification handshake, and signed deliveries answered 200 at once and
 * processed after, one at a time per resident, each message id once (the store decides).
 */
export function registerWhatsAppRoutes(server: Server, deps: WhatsAppRouteDeps): WhatsAppWebhook {
  const inFlight = new Set<Promise<void>>();
  const perResident = new KeyedLock();
  const track = (work: Promise<void>) => {
    const tracked = work.catch((error: unknown) => deps.log.error({ ...errorFields(error), channel: WHATSAPP_CHANNEL }, 'whatsapp delivery not processed')).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  server.get(WHATSAPP_PATH, async (req: Request, res: Response) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const [mode, token, challenge] = [query['hub.mode'], query['hub.verify_token'], query['hub.challenge']];
    if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || !sameSecret(token, deps.verifyToken)) {
      return sendError(res, 403, 'forbidden', 'verification failed');
    }
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.sendRaw(200, challenge);
  });

  server.post(WHATSAPP_PATH, async (req: Request, res: Response) => {
    const raw = (req as RawBodyRequest).rawBody ?? Buffer.alloc(0);
    // Nothing of an unsigned body is read: not even its JSON.
    if (!validSignature(raw, req.header('X-Hub-Signature-256'), deps.appSecret)) return sendError(res, 401, 'bad_signature', 'X-Hub-Signature-256 is missing or does not match the body');
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendError(res, 400, 'bad_json', 'body is not JSON');
    }
    const parsed = webhookPayload.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 400, 'bad_payload', `invalid webhook: ${issue.path.join('.') || 'body'} ${issue.message}`);
    }
    res.send(200);
    const { messages, statuses } = eventsOf(parsed.data, deps.phoneNumberId);
    for (const { message, sender } of messages) {
      track(
        perResident.run(sender.key, async () => {
          if (!(await deps.received.firstDelivery(WHATSAPP_CHANNEL, message.id, deps.now()))) return;
          await deps.adapter.receive(message, sender, deps.logic);
        }),
      );
    }
    for (const status of statuses) track(recordStatus(deps, status));
  });

  return {
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

/** Delivered and read need nothing; a failed delivery goes on the case, once however often Meta reports it. */
async function recordStatus(deps: WhatsAppRouteDeps, status: DeliveryStatus): Promise<void> {
  if (status.status !== 'failed') return;
  const resident = status.recipient_user_id ?? status.recipient_id;
  if (!resident || !(await deps.received.firstDelivery(WHATSAPP_CHANNEL, `failed:${status.id}`, deps.now()))) return;
  const code = status.errors?.[0]?.code;
  deps.log.warn({ channel: WHATSAPP_CHANNEL, conversation: resident, code }, 'whatsapp reports a failed delivery');
  await deps.deliveryFailed(resident, code === undefined ? 'failed' : `failed/${code}`);
}

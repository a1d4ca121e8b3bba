import { z } from 'zod';

/**
 * The webhook as Meta documents it (Cloud API, field "messages"): entry[].changes[].value with the
 * sender in contacts[] and either messages[] or statuses[]. Only what the channel uses is checked;
 * unknown fields pass, because Meta adds fields without notice.
 */
const contact = z.looseObject({
  wa_id: z.string().min(1).max(64).optional(),
  // The business-scoped user id Meta rolls out in 2026; when present, the resident is known by it.
  user_id: z.string().min(1).max(128).optional(),
  profile: z.looseObject({ name: z.string().optional() }).optional(),
});

const reply = z.looseObject({ id: z.string().min(1).max(256), title: z.string().max(256).optional() });

const media = z.looseObject({ id: z.string().optional(), mime_type: z.string().max(128).optional() });

export const incomingMessage = z.looseObject({
  from: z.string().min(1).max(64).optional(),
  from_user_id: z.string().min(1).max(128).optional(),
  id: z.string().min(1).max(512),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().min(1).max(32),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: reply.optional(),
      list_reply: reply.extend({ description: z.string().optional() }).optional(),
    })
    .optional(),
  audio: media.extend({ voice: z.boolean().optional() }).optional(),
  image: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
});
export type IncomingMessage = z.infer<typeof incomingMessage>;

export const deliveryStatus = z.looseObject({
  id: z.string().min(1).max(512),
  status: z.string().min(1).max(32),
  timestamp: z.string().regex(/^\d{1,12}$/),
  recipient_id: z.string().min(1).max(64).optional(),
  recipient_user_id: z.string().min(1).max(128).optional(),
  errors: z.array(z.looseObject({ code: z.number().optional(), title: z.string().optional() })).optional(),
});
export type DeliveryStatus = z.infer<typeof deliveryStatus>;

export const webhookPayload = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(
        z.looseObject({
          field: z.string().optional(),
          value: z.looseObject({
            messaging_product: z.literal('whatsapp'),
            metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
            contacts: z.array(contact).optional(),
            messages: z.array(incomingMessage).optional(),
            statuses: z.array(deliveryStatus).optional(),
          }),
        }),
      ),
    }),
  ),
});
export type WebhookPayload = z.infer<typeof webhookPayload>;

/** Who wrote: the business-scoped user id when Meta sends one, else the phone number (wa_id). */
export interface Sender {
  key: string;
  waId?: string;
}

/** Each message with its sender, and each status, in the order Meta listed them; only changes for our own number. */
export function eventsOf(payload: WebhookPayload, phoneNumberId: string): { messages: Array<{ message: IncomingMessage; sender: Sender }>; statuses: DeliveryStatus[] } {
  const messages: Array<{ message: IncomingMessage; sender: Sender }> = [];
  const statuses: DeliveryStatus[] = [];
  for (const entry of payload.entry) {
    for (const { value } of entry.changes) {
      if (value.metadata.phone_number_id !== phoneNumberId) continue;
      for (const message of value.messages ?? []) {
        const known = value.contacts?.find((candidate) => candidate.wa_id === message.from || (candidate.user_id && candidate.user_id === message.from_user_id));
        const waId = known?.wa_id ?? message.from;
        const key = known?.user_id ?? message.from_user_id ?? waId;
        if (key) messages.push({ message, sender: { key, waId } });
      }
      statuses.push(...(value.statuses ?? []));
    }
  }
  return { messages, statuses };
}

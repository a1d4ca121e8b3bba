import { createHmac } from 'node:crypto';

export const WA = {
  verifyToken: 'verify-me-please',
  appSecret: 'app-secret-for-tests',
  token: 'graph-token',
  phoneNumberId: '106540352242922',
};

/** The WhatsApp settings for a test server whose Graph API is the fake at `baseUrl`. */
export function whatsappEnv(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WHATSAPP_VERIFY_TOKEN: WA.verifyToken,
    WHATSAPP_APP_SECRET: WA.appSecret,
    WHATSAPP_TOKEN: WA.token,
    WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
    WHATSAPP_API_BASE_URL: baseUrl,
    ...extra,
  };
}

export const FAST_RETRY = { attempts: 4, baseMs: 1, capMs: 5 };

export const RESIDENT = { waId: '31612345678', name: 'Fatima' };

let counter = 0;
export const nextMessageId = () => `wamid.HBgLMzE2MTIzNDU2NzgVAgASGBQzQUY${++counter}`;

/** Meta's webhook around one value (entry[].changes[].value). */
export function webhook(value: Record<string, unknown>): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: WA.phoneNumberId }, ...value } }],
      },
    ],
  };
}

/** An incoming message as Meta documents it; `content` is the type's own part ({type:'text', text:{body}} …). */
export function incoming(content: Record<string, unknown>, options: { id?: string; userId?: string; waId?: string } = {}): Record<string, unknown> {
  const waId = options.waId ?? RESIDENT.waId;
  return webhook({
    contacts: [{ profile: { name: RESIDENT.name }, wa_id: waId, ...(options.userId ? { user_id: options.userId } : {}) }],
    messages: [{ from: waId, id: options.id ?? nextMessageId(), timestamp: '1741082400', ...content }],
  });
}

export const text = (body: string, options?: Parameters<typeof incoming>[1]) => incoming({ type: 'text', text: { body } }, options);

export function sign(body: string, secret = WA.appSecret): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Posts a webhook as Meta would: the body signed with the app secret (or the headers given). */
export async function deliver(baseUrl: string, payload: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const response = await fetch(`${baseUrl}/api/whatsapp`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(headers ?? { 'X-Hub-Signature-256': sign(body) }) },
    body,
  });
  return { status: response.status, text: await response.text() };
}

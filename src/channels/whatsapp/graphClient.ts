import { setTimeout as sleep } from 'node:timers/promises';

export interface GraphSettings {
  baseUrl: string;
  version: string;
  token: string;
  phoneNumberId: string;
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The backoff before the n-th retry is random up to min(capMs, baseMs × 2^n) ("full jitter"). */
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 500, capMs: 8_000 };

/** A call the Graph API refused for good, or kept failing until the tries ran out; never carries the request body. */
export class GraphError extends Error {
  override name = 'GraphError';
  constructor(
    readonly status: number,
    /** Meta's error code (e.g. 131047: the 24-hour window is closed), when the answer had one. */
    readonly code: number | undefined,
  ) {
    super(`Graph API answered ${status}${code === undefined ? '' : ` (code ${code})`}`);
  }
}

const retryable = (status: number) => status === 429 || status >= 500;

/** The WhatsApp Cloud API's messages endpoint: sends, marks as read, shows typing; retries what may pass later. */
export class GraphClient {
  constructor(
    private readonly settings: GraphSettings,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Posts one message body; resolves with the id Meta gave the message. */
  async send(body: Record<string, unknown>): Promise<string | undefined> {
    const answer = await this.post({ messaging_product: 'whatsapp', ...body });
    return (answer as { messages?: Array<{ id?: string }> }).messages?.[0]?.id;
  }

  /** Two ticks and "typing…" for the resident while the bot works on their message (Meta hides it after 25 s or at the reply). */
  async markReadAndTyping(messageId: string): Promise<void> {
    await this.post({ messaging_product: 'whatsapp', status: 'read', message_id: messageId, typing_indicator: { type: 'text' } });
  }

  private async post(body: Record<string, unknown>): Promise<unknown> {
    const url = `${this.settings.baseUrl.replace(/\/+$/, '')}/${this.settings.version}/${encodeURIComponent(this.settings.phoneNumberId)}/messages`;
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let answer: unknown;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.settings.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        status = response.status;
        answer = await response.json().catch(() => ({}));
        if (response.ok) return answer;
      } catch {
        // A network error or time-out may pass on the next try, like a 5xx.
        status = 0;
      }
      if ((status !== 0 && !retryable(status)) || attempt >= this.retry.attempts) throw new GraphError(status, errorCodeOf(answer));
      await sleep(Math.random() * Math.min(this.retry.capMs, this.retry.baseMs * 2 ** (attempt - 1)));
    }
  }
}

function errorCodeOf(answer: unknown): number | undefined {
  const code = (answer as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'number' ? code : undefined;
}

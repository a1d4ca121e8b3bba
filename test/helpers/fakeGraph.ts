import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  path: string;
  authorization: string | undefined;
  body: any;
}

/**
 * A stand-in for Meta's Graph API on loopback: records every request, answers 200 with a message id,
 * or the statuses queued with `fail` first (429, 500, 400 …), one per request.
 */
export class FakeGraph {
  readonly requests: GraphRequest[] = [];
  private readonly failures: number[] = [];
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const status = this.failures.shift() ?? 200;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      const answer = status === 200 ? { messaging_product: 'whatsapp', messages: [{ id: `wamid.out-${this.requests.length}` }] } : { error: { code: status === 400 ? 131026 : 4, message: 'fake' } };
      res.end(JSON.stringify(answer));
    });
  });

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next requests answer with these statuses, in order. */
  fail(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** The message bodies sent (not the read receipts), in order. */
  sent(): any[] {
    return this.requests.map((request) => request.body).filter((body) => body.status !== 'read');
  }

  readReceipts(): any[] {
    return this.requests.map((request) => request.body).filter((body) => body.status === 'read');
  }

  /** What a resident sees: texts, button and list bodies, and the choices offered. */
  seen(): Array<{ text: string; choices: string[]; kind: string }> {
    return this.sent().map((body) => {
      if (body.type === 'text') return { kind: 'text', text: body.text.body, choices: [] };
      if (body.type === 'interactive') {
        const action = body.interactive.action;
        const choices = body.interactive.type === 'button' ? action.buttons.map((b: any) => b.reply.title) : action.sections.flatMap((s: any) => s.rows.map((r: any) => r.title));
        return { kind: body.interactive.type, text: body.interactive.body.text, choices };
      }
      return { kind: body.type, text: '', choices: [] };
    });
  }

  reset(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.server.close();
    this.server.closeAllConnections();
  }
}

import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorRequest {
  method: string;
  /** Decoded path, e.g. /v3/conversations/a:1xyz/activities/act-1 */
  path: string;
  authorization: string | undefined;
  body: any;
}

/**
 * A stand-in for Teams' Bot Connector service on loopback, the serviceUrl the real CloudAdapter
 * writes to: records every request and answers the way the service does (a new thread with its
 * message id, an id for every sent or edited activity), or with the statuses queued by `fail`.
 */
export class FakeBotConnector {
  readonly requests: ConnectorRequest[] = [];
  private readonly failures: Array<{ status: number; path?: string }> = [];
  private threads = 0;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const request = { method: req.method ?? '', path: decodeURIComponent(req.url ?? ''), authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined };
      this.requests.push(request);
      const failure = this.failures.findIndex((f) => f.path === undefined || f.path === request.path);
      const status = failure === -1 ? 200 : this.failures.splice(failure, 1)[0].status;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      if (status !== 200) return res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'fake' } }));
      res.end(JSON.stringify(this.answer(request)));
    });
  });

  private answer(request: ConnectorRequest): Record<string, string> {
    if (request.method === 'POST' && request.path === '/v3/conversations') {
      // Teams names a new channel thread after its first message.
      const activityId = `17000000000${++this.threads}`;
      return { id: `${request.body.channelData.channel.id};messageid=${activityId}`, activityId };
    }
    const edited = /^\/v3\/conversations\/[^/]+\/activities\/([^/]+)$/.exec(request.path);
    if (request.method === 'PUT' && edited) return { id: edited[1] };
    return { id: `sent-${this.requests.length}` };
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** The next requests (to `path` only, when given) answer with these statuses, in order. */
  fail(statuses: number[], path?: string): void {
    this.failures.push(...statuses.map((status) => ({ status, path })));
  }

  /** Messages the bot sent into a conversation (replies and proactive), in order. */
  sentTo(conversationId: string): any[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${conversationId}/activities`)).map((r) => r.body);
  }

  /** New channel threads (the escalation cards as first posted). */
  threadsCreated(): any[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations').map((r) => r.body);
  }

  /** Edits of earlier messages (card updates), with the path they went to. */
  edits(): ConnectorRequest[] {
    return this.requests.filter((r) => r.method === 'PUT');
  }

  reset(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.server.close();
    this.server.closeAllConnections();
  }
}

import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { Texts } from '../../i18n/texts';
import { errorFields, type Logger } from '../../log';
import { repoRoot } from '../../paths';
import { clientAddress } from '../../server/clientAddress';
import { sendError } from '../../server/httpErrors';
import { sendPageFile } from '../../server/staticPage';
import type { ChatIdentity, ChatSessions } from './chatSession';
import type { ChatHub } from './hub';
import type { ChatRelay } from './relay';
import { WEBCHAT_CHANNEL, type WebChatAdapter } from './webchatAdapter';

export interface WebChatRouteDeps {
  adapter: WebChatAdapter;
  hub: ChatHub;
  relay: ChatRelay;
  sessions: ChatSessions;
  logic: (context: TurnContext) => Promise<void>;
  texts: Texts;
  log: Logger;
  trustProxy: boolean;
  /** The longest text accepted at all; longer ones are refused here (the bot answers shorter over-long ones itself). */
  maxTextChars: number;
  /** What the bot reads (MAX_MESSAGE_CHARS): the page's text box stops there and counts down near it. */
  pageMaxChars: number;
  limits?: WebChatLimits;
}

export interface WebChatLimits {
  /** New conversations per address per 10 minutes. */
  sessionsPerAddress: number;
  /** Messages per address per minute. */
  messagesPerAddress: number;
}

export const DEFAULT_WEBCHAT_LIMITS: WebChatLimits = { sessionsPerAddress: 30, messagesPerAddress: 60 };

const sessionBody = z.object({ fresh: z.boolean().optional() }).strict().optional();

const PUBLIC_DIR = path.join(repoRoot(), 'src', 'channels', 'webchat', 'public');
const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/chat/chat.js': 'chat.js',
  '/chat/chat.css': 'chat.css',
};
const HEARTBEAT_MS = 25_000;

/**
 * The local chat page: static files, a session (a signed cookie; the client chooses no id), messages
 * in, and a server-sent event stream out. A room exists only for a conversation the server started.
 */
export function registerWebChatRoutes(server: Server, deps: WebChatRouteDeps): void {
  const limits = deps.limits ?? DEFAULT_WEBCHAT_LIMITS;
  const newSessions = new RateLimiterMemory({ points: limits.sessionsPerAddress, duration: 10 * 60 });
  const newMessages = new RateLimiterMemory({ points: limits.messagesPerAddress, duration: 60 });
  const messageBody = z.object({ text: z.string().trim().min(1).max(deps.maxTextChars) }).strict();
  const limited = async (limiter: RateLimiterMemory, req: Request, res: Response): Promise<boolean> => {
    try {
      await limiter.consume(clientAddress(req, deps.trustProxy));
      return false;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      res.header('Retry-After', String(Math.max(1, Math.ceil(error.msBeforeNext / 1000))));
      sendError(res, 429, 'too_many_requests', deps.texts.webchat.tooMany);
      return true;
    }
  };

  for (const [route, file] of Object.entries(STATIC_FILES)) {
    server.get(route, async (_req: Request, res: Response) => sendPageFile(res, path.join(PUBLIC_DIR, file), 'no-cache'));
  }

  server.get('/chat/texts', async (_req: Request, res: Response) => {
    res.json({ ...deps.texts.webchat, maxChars: deps.pageMaxChars });
  });

  // The page's session: the conversation the cookie names, or a new one ({fresh: true}: a new conversation, same user).
  server.post('/chat/session', async (req: Request, res: Response) => {
    const parsed = sessionBody.safeParse(req.body ?? undefined);
    if (!parsed.success) return sendError(res, 400, 'bad_request', 'body must be {} or {"fresh": true}');
    const current = deps.sessions.read(req);
    if (current && !parsed.data?.fresh) {
      deps.sessions.write(res, current);
      res.json(200, { conversationId: current.conversationId });
      return;
    }
    if (await limited(newSessions, req, res)) return;
    const identity = deps.sessions.start(current);
    deps.sessions.write(res, identity);
    await runTurn(deps, res, identity, {
      type: 'conversationUpdate',
      membersAdded: [{ id: identity.userId, name: '' }],
    });
    if (!res.headersSent) res.json(201, { conversationId: identity.conversationId });
  });

  // "Snel weg": this device forgets the conversation (what was stored stays for the wijkteam until erasure or retention).
  server.del('/chat/session', async (req: Request, res: Response) => {
    const current = deps.sessions.read(req);
    if (current) await deps.relay.forget(current.conversationId);
    deps.sessions.clear(res);
    res.send(204);
  });

  server.post('/chat/messages', async (req: Request, res: Response) => {
    const identity = deps.sessions.read(req);
    if (!identity) return sendError(res, 401, 'no_session', deps.texts.webchat.noSession);
    if (await limited(newMessages, req, res)) return;
    const body = messageBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_request', `body must be {"text": 1 to ${deps.maxTextChars} characters}`);
    deps.sessions.write(res, identity);
    const id = randomUUID();
    await runTurn(deps, res, identity, { type: 'message', id, text: body.data.text, textFormat: 'plain', locale: 'nl-NL' });
    if (!res.headersSent) res.json(202, { id });
  });

  server.get('/chat/events', async (req: Request, res: Response) => {
    const identity = deps.sessions.read(req);
    if (!identity) return sendError(res, 401, 'no_session', deps.texts.webchat.noSession);
    const lastId = Number(req.header('Last-Event-ID') ?? (req.query as Record<string, string> | undefined)?.after ?? 0);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    const unsubscribe = deps.hub.subscribe(identity.conversationId, Number.isFinite(lastId) ? lastId : 0, (event) => {
      res.write(`id: ${event.seq}\ndata: ${JSON.stringify(event.activity)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}

async function runTurn(deps: WebChatRouteDeps, res: Response, identity: ChatIdentity, activity: Record<string, unknown>): Promise<void> {
  try {
    await deps.adapter.processActivity(
      {
        ...activity,
        channelId: WEBCHAT_CHANNEL,
        conversation: { id: identity.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: identity.userId, name: '', role: 'user' },
      },
      deps.logic,
    );
  } catch (error) {
    deps.log.error({ ...errorFields(error), channel: WEBCHAT_CHANNEL }, 'web chat turn failed');
    sendError(res, 500, 'turn_failed', deps.texts.errors.general);
  }
}

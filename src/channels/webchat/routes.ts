import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Texts } from '../../i18n/texts';
import { errorFields, type Logger } from '../../log';
import { repoRoot } from '../../paths';
import { sendError } from '../../server/httpErrors';
import { sendPageFile } from '../../server/staticPage';
import type { ChatHub } from './hub';
import { WEBCHAT_CHANNEL, type WebChatAdapter } from './webchatAdapter';

export interface WebChatRouteDeps {
  adapter: WebChatAdapter;
  hub: ChatHub;
  logic: (context: TurnContext) => Promise<void>;
  texts: Texts;
  log: Logger;
}

const uuid = z.uuid();
const messageBody = z.object({
  userId: uuid,
  text: z.string().min(1),
});
const conversationBody = z.object({ userId: uuid.optional() }).optional();

const PUBLIC_DIR = path.join(repoRoot(), 'src', 'channels', 'webchat', 'public');
const STATIC_FILES: Record<string, string> = {
  '/': 'index.html',
  '/chat/chat.js': 'chat.js',
  '/chat/chat.css': 'chat.css',
};
const HEARTBEAT_MS = 25_000;

/** The local chat page: static files, a new conversation, messages in, and a server-sent event stream out. */
export function registerWebChatRoutes(server: Server, deps: WebChatRouteDeps): void {
  for (const [route, file] of Object.entries(STATIC_FILES)) {
    server.get(route, async (_req: Request, res: Response) => sendPageFile(res, path.join(PUBLIC_DIR, file), 'no-cache'));
  }

  server.get('/chat/texts', async (_req: Request, res: Response) => {
    res.json(deps.texts.webchat);
  });

  server.post('/chat/conversations', async (req: Request, res: Response) => {
    const parsed = conversationBody.safeParse(req.body ?? undefined);
    if (!parsed.success) return sendError(res, 400, 'bad_request', 'userId must be a UUID when given');
    const userId = parsed.data?.userId ?? randomUUID();
    const conversationId = randomUUID();
    await runTurn(deps, res, {
      type: 'conversationUpdate',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, role: 'user' },
      membersAdded: [{ id: userId, name: '' }],
    });
    if (!res.headersSent) res.json(201, { conversationId, userId });
  });

  server.post('/chat/conversations/:id/messages', async (req: Request, res: Response) => {
    const conversationId = uuid.safeParse(req.params.id);
    if (!conversationId.success) return sendError(res, 400, 'bad_conversation_id', 'conversation id must be a UUID');
    const body = messageBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_request', 'body must be {"userId": UUID, "text": non-empty string}');
    const id = randomUUID();
    await runTurn(deps, res, {
      type: 'message',
      id,
      text: body.data.text,
      textFormat: 'plain',
      locale: 'nl-NL',
      conversation: { id: conversationId.data, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: body.data.userId, role: 'user' },
    });
    if (!res.headersSent) res.json(202, { id });
  });

  server.get('/chat/conversations/:id/events', async (req: Request, res: Response) => {
    const conversationId = uuid.safeParse(req.params.id);
    if (!conversationId.success) return sendError(res, 400, 'bad_conversation_id', 'conversation id must be a UUID');
    const lastId = Number(req.header('Last-Event-ID') ?? (req.query as Record<string, string> | undefined)?.after ?? 0);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    const unsubscribe = deps.hub.subscribe(conversationId.data, Number.isFinite(lastId) ? lastId : 0, (event) => {
      res.write(`id: ${event.seq}\ndata: ${JSON.stringify(event.activity)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}

async function runTurn(deps: WebChatRouteDeps, res: Response, activity: Record<string, unknown>): Promise<void> {
  try {
    await deps.adapter.processActivity({ ...activity, channelId: WEBCHAT_CHANNEL }, deps.logic);
  } catch (error) {
    deps.log.error({ ...errorFields(error), channel: WEBCHAT_CHANNEL }, 'web chat turn failed');
    sendError(res, 500, 'turn_failed', deps.texts.errors.general);
  }
}

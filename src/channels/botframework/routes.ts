import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { errorFields, type Logger } from '../../log';
import { sendError } from '../../server/httpErrors';

/** The least an activity must carry for botbuilder to route it; botbuilder itself throws on less. */
const incomingActivity = z.looseObject({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(256).optional(),
  serviceUrl: z.string().max(2048).optional(),
  text: z.string().optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
});

export function registerBotFrameworkRoutes(server: Server, adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>, log: Logger): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const parsed = incomingActivity.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 400, 'bad_activity', `invalid activity: ${issue.path.join('.') || 'body'} ${issue.message}`);
    }
    try {
      await adapter.process(req, res, logic);
    } catch (error) {
      log.error({ ...errorFields(error), route: '/api/messages' }, 'activity not processed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'the activity could not be processed');
    }
  });
}

import type { Server } from 'restify';
import { z } from 'zod';
import { sendError } from '../server/httpErrors';
import type { ConsoleContext } from './context';
import { withSession } from './guard';
import { presenceStatuses } from './presence';

const presenceBody = z.object({ status: z.enum(presenceStatuses) }).strict();

/** Who of the team is online, and setting one's own status. */
export function registerPresenceRoutes(server: Server, ctx: ConsoleContext): void {
  server.get(
    '/api/console/presence',
    withSession(ctx, { csrf: false }, async (_req, res, session) => {
      res.json({ connectors: ctx.presence.present(session.connector.team) });
    }),
  );

  server.put(
    '/api/console/presence',
    withSession(ctx, { csrf: true }, async (req, res, session) => {
      const body = presenceBody.safeParse(req.body);
      if (!body.success) return sendError(res, 400, 'bad_request', `body must be {"status": one of ${presenceStatuses.join(', ')}}`);
      await ctx.audit.record(session.connector, 'presence', body.data.status);
      ctx.presence.setStatus(session.connector, body.data.status);
      res.json({ status: body.data.status });
    }),
  );
}

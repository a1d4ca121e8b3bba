import type { Request, Response } from 'restify';
import { errorFields } from '../log';
import { sendError } from '../server/httpErrors';
import type { ConsoleContext } from './context';
import { sessionIdFrom } from './sessionCookie';
import { csrfMatches, type ConsoleSession } from './sessions';

/**
 * Accounts change outside this process (npm run connector:disable, a new password): every request
 * checks the stored account, and a session begun before such a change ends here.
 */
async function accountStillValid(ctx: ConsoleContext, session: ConsoleSession): Promise<boolean> {
  const account = await ctx.stores.console.getConnector(session.connector.id);
  const changedAt = account?.credentialsChangedAt ? Date.parse(account.credentialsChangedAt) : undefined;
  if (account && !account.disabled && (changedAt === undefined || changedAt < session.createdAt)) return true;
  await ctx.sessions.endAllOf(session.connector.id);
  return false;
}

export type SessionHandler = (req: Request, res: Response, session: ConsoleSession) => Promise<void>;

/**
 * Wraps a console API handler: no valid session → 401, and for a state-changing request no
 * matching X-CSRF-Token header → 403, before the handler sees anything (bad ids and bodies included).
 */
export function withSession(ctx: ConsoleContext, options: { csrf: boolean }, handler: SessionHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    const session = await ctx.sessions.get(sessionIdFrom(req, ctx.secureCookie));
    if (!session || !(await accountStillValid(ctx, session))) return sendError(res, 401, 'no_session', 'log in first: POST /api/console/login');
    if (options.csrf && !csrfMatches(session, req.header('x-csrf-token'))) {
      return sendError(res, 403, 'csrf', 'send the csrfToken from /api/console/login or /api/console/me in the X-CSRF-Token header');
    }
    try {
      await handler(req, res, session);
    } catch (error) {
      // A failed store write, the audit log included: the action is not reported as done, and no internals leak.
      ctx.log.error({ ...errorFields(error), route: req.getRoute()?.path }, 'console request failed');
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'the action was not carried out; try again');
    }
  };
}

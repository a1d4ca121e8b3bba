import type { Request, Response } from 'restify';
import { roleOf, type ConnectorAccount, type ConnectorRole } from '../connectors/consoleRepository';
import { errorFields } from '../log';
import { sendError } from '../server/httpErrors';
import type { ConsoleContext } from './context';
import { sessionIdFrom } from './sessionCookie';
import { csrfMatches, type ConsoleSession } from './sessions';

/**
 * Accounts change outside this process (npm run connector:disable, a new password): every request
 * checks the stored account, and a session begun before such a change ends here.
 */
async function accountStillValid(ctx: ConsoleContext, session: ConsoleSession): Promise<ConnectorAccount | undefined> {
  const account = await ctx.stores.console.getConnector(session.connector.id);
  const changedAt = account?.credentialsChangedAt ? Date.parse(account.credentialsChangedAt) : undefined;
  if (account && !account.disabled && (changedAt === undefined || changedAt < session.createdAt)) return account;
  await ctx.sessions.endAllOf(session.connector.id);
  return undefined;
}

/** The stored account comes along so a role given or taken away counts from the next request on. */
export type SessionHandler = (req: Request, res: Response, session: ConsoleSession, account: ConnectorAccount) => Promise<void>;

export interface GuardOptions {
  csrf: boolean;
  /** Only accounts with this role get past; others get 403 `role`. */
  role?: ConnectorRole;
}

/**
 * Wraps a console API handler: no valid session → 401, and for a state-changing request no
 * matching X-CSRF-Token header → 403, before the handler sees anything (bad ids and bodies included).
 */
export function withSession(ctx: ConsoleContext, options: GuardOptions, handler: SessionHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    const session = await ctx.sessions.get(sessionIdFrom(req, ctx.secureCookie));
    const account = session && (await accountStillValid(ctx, session));
    if (!session || !account) return sendError(res, 401, 'no_session', 'log in first: POST /api/console/login');
    if (options.csrf && !csrfMatches(session, req.header('x-csrf-token'))) {
      return sendError(res, 403, 'csrf', 'send the csrfToken from /api/console/login or /api/console/me in the X-CSRF-Token header');
    }
    if (options.role && roleOf(account) !== options.role) return sendError(res, 403, 'role', `this needs the ${options.role} role`);
    try {
      await handler(req, res, session, account);
    } catch (error) {
      // A failed store write, the audit log included: the action is not reported as done, and no internals leak.
      ctx.log.error({ ...errorFields(error), route: req.getRoute()?.path }, 'console request failed');
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'the action was not carried out; try again');
    }
  };
}

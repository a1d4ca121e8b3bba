import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { clientAddress } from '../server/clientAddress';
import { sendError } from '../server/httpErrors';
import type { ConnectorRef } from '../handoff/ports';
import { roleOf, usernameSchema, type ConnectorAccount } from '../connectors/consoleRepository';
import type { ConsoleContext } from './context';
import { withSession } from './guard';
import { verifyPassword } from './passwords';
import { clearSessionCookie, setSessionCookie } from './sessionCookie';
import type { ConsoleSession } from './sessions';

const loginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

/** Login, logout and "who am I": the session and its CSRF token. */
export function registerAuthRoutes(server: Server, ctx: ConsoleContext): void {
  server.post('/api/console/login', async (req: Request, res: Response) => {
    // A JSON body cannot be sent by another site's form without a CORS preflight, which this server never grants: no login CSRF.
    if (!req.is('json')) return sendError(res, 415, 'json_required', 'send the login as application/json');
    const body = loginBody.safeParse(req.body);
    if (!body.success) return sendError(res, 400, 'bad_request', 'body must be {"username": string, "password": string}');
    const username = usernameSchema.safeParse(body.data.username);
    const key = username.success ? username.data : body.data.username.trim().toLowerCase();
    const address = clientAddress(req, ctx.trustProxy);

    // The attempt is counted before the password is checked, so parallel guesses cannot slip past the limit.
    const wait = await ctx.limiter.attempt(key, address);
    const account = username.success ? await ctx.stores.console.findConnectorByUsername(username.data) : undefined;
    if (wait > 0) {
      if (account) await ctx.audit.record(account, 'login-refused', 'rate-limited');
      res.header('Retry-After', String(wait));
      return sendError(res, 429, 'too_many_attempts', `too many failed logins; try again in ${wait} seconds`);
    }
    if (!(await verifyPassword(account?.passwordHash, body.data.password)) || !account || account.disabled) {
      if (account) await ctx.audit.record(account, 'login-refused', account.disabled ? 'disabled' : 'bad-password');
      return sendError(res, 401, 'bad_credentials', 'unknown username or wrong password');
    }
    await ctx.limiter.succeeded(key, address);
    if (ctx.singleSession) await ctx.sessions.endAllOf(account.id);
    const session = await ctx.sessions.create(connectorRefOf(account));
    await ctx.audit.record(account, 'login', 'ok');
    setSessionCookie(res, session, ctx.secureCookie, ctx.now().getTime());
    res.json(200, whoAmI(ctx, session, account));
  });

  server.post(
    '/api/console/logout',
    withSession(ctx, { csrf: true }, async (_req, res, session) => {
      await ctx.audit.record(session.connector, 'logout', 'ok');
      await ctx.sessions.end(session.id);
      clearSessionCookie(res, ctx.secureCookie);
      res.send(204);
    }),
  );

  server.get(
    '/api/console/me',
    withSession(ctx, { csrf: false }, async (_req, res, session, account) => {
      res.json(whoAmI(ctx, session, account));
    }),
  );
}

export function connectorRefOf(account: ConnectorAccount): ConnectorRef {
  return { id: account.id, displayName: account.displayName, team: account.team };
}

function whoAmI(ctx: ConsoleContext, session: ConsoleSession, account: ConnectorAccount) {
  return { connector: session.connector, role: roleOf(account), csrfToken: session.csrfToken, status: ctx.presence.statusOf(session.connector.id) };
}

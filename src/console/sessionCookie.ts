import type { Request, Response } from 'restify';
import type { ConsoleSession } from './sessions';

const NAME = 'wv_console';
// With Secure the __Host- prefix also makes the browser refuse the cookie from any other path or domain.
const SECURE_NAME = `__Host-${NAME}`;

export function sessionIdFrom(req: Request, secure: boolean): string | undefined {
  const wanted = secure ? SECURE_NAME : NAME;
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === wanted) return value.join('=');
  }
  return undefined;
}

/** httpOnly: page scripts never see it; SameSite=Strict: no other site's page can send it along. */
export function setSessionCookie(res: Response, session: ConsoleSession, secure: boolean, now: number): void {
  const maxAge = Math.max(0, Math.floor((session.expiresAt - now) / 1000));
  res.header('Set-Cookie', cookie(secure, session.id, maxAge));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.header('Set-Cookie', cookie(secure, '', 0));
}

function cookie(secure: boolean, value: string, maxAge: number): string {
  const parts = [`${secure ? SECURE_NAME : NAME}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

import type { Request } from 'restify';

/** The socket's address, or, where TRUST_PROXY allows it, the client a reverse proxy names first in X-Forwarded-For. */
export function clientAddress(req: Request, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return forwarded || req.socket.remoteAddress || 'unknown';
}

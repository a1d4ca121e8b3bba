import type { Response } from 'restify';

/** One JSON shape for every error a client gets: a stable code and a sentence a developer can act on. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.json({ error: code, message });
}

import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import texts from '../../locales/nl/console.json';
import { repoRoot } from '../paths';
import { sendPageFile } from '../server/staticPage';
import type { ConsoleContext } from './context';
import { sessionIdFrom } from './sessionCookie';

const PUBLIC_DIR = path.join(repoRoot(), 'src', 'console', 'public');

/** Files anyone may fetch: what the login form needs. The console itself and its script need a session. */
const PUBLIC_FILES: Record<string, string> = {
  '/console/login': 'login.html',
  '/console/login.js': 'login.js',
  '/console/console.css': 'console.css',
};
const SESSION_FILES: Record<string, string> = {
  '/console': 'console.html',
  '/console/console.js': 'console.js',
  '/console/figures': 'figures.html',
  '/console/figures.js': 'figures.js',
  // Chart.js (a dependency) from our own server: no CDN, and the page's strict policy allows only 'self'.
  '/console/chart.umd.min.js': path.join(repoRoot(), 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js'),
  '/console/buddies.js': 'buddies.js',
};

/** The console page, the login page and the Dutch texts both read. */
export function registerPageRoutes(server: Server, ctx: ConsoleContext): void {
  for (const [route, file] of Object.entries(PUBLIC_FILES)) server.get(route, async (_req: Request, res: Response) => sendFile(res, file));
  for (const [route, file] of Object.entries(SESSION_FILES)) {
    server.get(route, async (req: Request, res: Response) => {
      if (await ctx.sessions.get(sessionIdFrom(req, ctx.secureCookie))) return sendFile(res, file);
      res.writeHead(303, { Location: '/console/login', 'Cache-Control': 'no-store' });
      res.end();
    });
  }
  // The texts are the page's words, not data: the login form needs them before anyone is logged in.
  server.get('/console/texts', async (_req: Request, res: Response) => {
    res.json(texts);
  });
}

function sendFile(res: Response, file: string): Promise<void> {
  return sendPageFile(res, path.resolve(PUBLIC_DIR, file), 'no-store');
}

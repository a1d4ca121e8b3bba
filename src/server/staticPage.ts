import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Response } from 'restify';

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

// Our pages load only their own script and style and are never framed: HTML typed by a resident cannot run even if it were ever inserted as markup.
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Sends one file of a page (html, js, css) with the strict headers every page of this server carries. */
export async function sendPageFile(res: Response, file: string, cacheControl: 'no-cache' | 'no-store'): Promise<void> {
  const body = await readFile(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)],
    'Content-Security-Policy': PAGE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': cacheControl,
  });
  res.end(body);
}

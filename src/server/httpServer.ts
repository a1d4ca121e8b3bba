import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../log';

export interface HttpServerOptions {
  maxBodyBytes: number;
  /** Smaller caps for some routes (by path prefix); the first that matches applies. */
  routeBodyLimits?: Array<{ prefix: string; maxBodyBytes: number }>;
  /** Routes that get their body as the exact bytes sent (req.rawBody, a Buffer), unparsed: a webhook signed over those bytes. */
  rawBodyPaths?: string[];
  /** Sends HSTS: set when the console runs behind HTTPS (secure cookies). */
  hsts: boolean;
  log: Logger;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

/**
 * restify with JSON bodies only: a body of any other type is refused with 415 before a byte of it is
 * read, so no multipart or form parser ever writes an upload to disk. Size caps per route, errors as
 * JSON, and no caching of anything the API or chat routes return (resident data).
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'wijkverbinder', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.pre((req: Request, res: Response, next: (error?: unknown) => void) => {
    if (options.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.path().startsWith('/api/') || req.path().startsWith('/chat/')) res.setHeader('Cache-Control', 'no-store');
    const refusal = bodyRefusal(req, options);
    if (refusal) {
      res.setHeader('Connection', 'close');
      res.json(refusal.status, { error: refusal.code, message: refusal.message });
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  const raw = new Set(options.rawBodyPaths ?? []);
  const isRaw = (req: Request) => raw.has(req.path()) && BODY_METHODS.has(req.method ?? '');
  server.use(unlessRaw(isRaw, restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes })));
  server.use(unlessRaw(isRaw, restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true })));
  server.use((req: Request, res: Response, next: (error?: unknown) => void) => {
    if (!isRaw(req)) return next();
    readRaw(req, options.maxBodyBytes).then(
      (body) => {
        if (body === undefined) {
          res.json(413, { error: 'body-too-large', message: `The body may be at most ${options.maxBodyBytes} bytes.` });
          return next(false);
        }
        (req as RawBodyRequest).rawBody = body;
        return next();
      },
      (error: unknown) => next(error),
    );
  });
  server.on('restifyError', (req, _res, error, callback) => {
    options.log.warn({ status: error.statusCode, route: req.getRoute()?.path, error: error.name }, 'request refused');
    return callback();
  });
  return server;
}

/** A request whose route reads its body unparsed (see HttpServerOptions.rawBodyPaths). */
export type RawBodyRequest = Request & { rawBody?: Buffer };

type Handler = (req: Request, res: Response, next: (error?: unknown) => void) => void;

function unlessRaw(isRaw: (req: Request) => boolean, handlers: Handler | Handler[]): Handler[] {
  return [handlers].flat().map((handler) => (req: Request, res: Response, next: (error?: unknown) => void) => (isRaw(req) ? next() : handler(req, res, next)));
}

/** The body's bytes as sent, or undefined past the cap (a chunked body declares no length up front). */
function readRaw(req: Request, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= maxBytes ? Buffer.concat(chunks) : undefined));
    req.on('error', reject);
  });
}

function bodyRefusal(req: Request, options: HttpServerOptions): { status: number; code: string; message: string } | undefined {
  if (!BODY_METHODS.has(req.method ?? '')) return undefined;
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (!JSON_TYPE.test(type)) return { status: 415, code: 'unsupported-media-type', message: 'Only application/json bodies are accepted.' };
  const limit = options.routeBodyLimits?.find((route) => req.path().startsWith(route.prefix))?.maxBodyBytes ?? options.maxBodyBytes;
  if (length > limit) return { status: 413, code: 'body-too-large', message: `The body may be at most ${limit} bytes.` };
  return undefined;
}

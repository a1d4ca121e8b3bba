import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../log';

export interface HttpServerOptions {
  maxBodyBytes: number;
  /** Smaller caps for some routes (by path prefix); the first that matches applies. */
  routeBodyLimits?: Array<{ prefix: string; maxBodyBytes: number }>;
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
  server.use(restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }));
  server.on('restifyError', (req, _res, error, callback) => {
    options.log.warn({ status: error.statusCode, route: req.getRoute()?.path, error: error.name }, 'request refused');
    return callback();
  });
  return server;
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

import restify, { type Server } from 'restify';
import type { Logger } from '../log';

export interface HttpServerOptions {
  maxBodyBytes: number;
  log: Logger;
}

/** restify with JSON bodies only, a body size cap, and errors answered as JSON instead of HTML. */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = restify.createServer({ name: 'wijkverbinder', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, rejectUnknown: true }));
  server.on('restifyError', (req, _res, error, callback) => {
    options.log.warn({ status: error.statusCode, route: req.getRoute()?.path, error: error.name }, 'request refused');
    return callback();
  });
  return server;
}

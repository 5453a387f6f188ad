// The HTTP side of the room's one port: every plain request (not a WebSocket upgrade) comes here. The
// router sets the headers every answer from the room's origin carries, works out the path once, and
// asks each route set in turn; the first that knows the path answers. The route sets: shared files
// (file-routes.ts), the peer page's files (peer-assets.ts), its icons and web app manifest (web-app.ts),
// and the join screen's facts (room-preview-route.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * No script, style or connection from anywhere but the room itself, no plugins, no framing: the peer
 * page needs nothing more, and nothing else the room serves needs even that.
 */
const CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Some of the room's HTTP routes. */
export interface RouteSet {
  /**
   * Answers the request and returns true when `path` (decoded URL path, no query) is one of its
   * routes; returns false, writing nothing, to leave it to the next set.
   */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

/** Requests whose body is still awaited, and the timer that ends them when it takes too long. */
const bodyDeadlines = new WeakMap<IncomingMessage, NodeJS.Timeout>();

/** The route reads `req`'s body itself at its own pace and guards it against slow senders. */
export function exemptFromRequestTimeout(req: IncomingMessage): void {
  clearTimeout(bodyDeadlines.get(req));
  bodyDeadlines.delete(req);
}

/** Whether the request carries a body (a length above 0, or a chunked one). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export class HttpRouter {
  /**
   * @param routeSets asked in order
   * @param requestTimeoutMs time a request has to send its whole body; 0 turns the guard off
   */
  constructor(
    private readonly routeSets: readonly RouteSet[],
    private readonly requestTimeoutMs = 0,
  ) {}

  /** The `request` listener of the room's HTTP server. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.requestTimeoutMs > 0 && hasBody(req)) this.guardBody(req, res);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Referrer-Policy', 'no-referrer');
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return sendText(res, 400, 'Bad request.');
    }
    for (const routes of this.routeSets) {
      if (routes.handle(req, res, path)) return;
    }
    // No route takes anything but reads at a path no route knows.
    if (!isRead(req)) methodNotAllowed(res);
    else sendText(res, 404, 'Not found.');
  };

  private guardBody(req: IncomingMessage, res: ServerResponse): void {
    const timer = setTimeout(() => {
      bodyDeadlines.delete(req);
      if (!res.headersSent) {
        res.setHeader('Connection', 'close');
        sendText(res, 408, 'The request took too long to arrive.');
      }
      // Whatever was answered, a body that does not come is not waited for.
      res.once('finish', () => req.socket.destroy());
      if (res.writableFinished) req.socket.destroy();
    }, this.requestTimeoutMs);
    bodyDeadlines.set(req, timer);
    const done = () => exemptFromRequestTimeout(req);
    req.once('end', done);
    req.once('close', done);
  }
}

/** GET or HEAD: the methods that only read. */
export function isRead(req: IncomingMessage): boolean {
  return req.method === 'GET' || req.method === 'HEAD';
}

/** 405 for a method a route does not take; `allow` lists those it does. */
export function methodNotAllowed(res: ServerResponse, allow = 'GET, HEAD'): void {
  res.setHeader('Allow', allow);
  sendText(res, 405, 'Method not allowed.');
}

/** A short plain-text answer (an error, or why something is not there); never cached. */
export function sendText(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'text/plain; charset=utf-8', `${message}\n`);
}

/** `value` as a JSON answer (the room's API); never cached. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

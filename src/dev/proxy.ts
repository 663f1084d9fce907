/**
 * The public port of `mastra dev`, owned by the dev process for the whole session.
 *
 * Two Node processes cannot share a listening port (Node's http has no SO_REUSEPORT), and
 * handing the port from the old server to the new one would leave a moment where connections
 * are refused. Instead every request goes through this small forwarder to whichever server
 * process is current, on its own ephemeral port. A reload switches the target in one
 * assignment after the new server answered /health; requests already forwarded finish on the
 * old server, which is only stopped once all of them have been taken up (see `release`).
 */
import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, not the message. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/** How long `release` waits for forwarded requests to get their response headers. */
const RELEASE_WAIT_MS = 2_000;

export interface Upstream {
  readonly port: number;
  readonly agent: Agent;
  /** Requests forwarded to it that have not received response headers yet. */
  awaitingHeaders: number;
  onIdle?: () => void;
}

function endToEndHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) out[k] = v;
  return out;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/** Requests the dev process answers itself (the playground, its events): see src/playground/dev-playground.ts. */
export interface LocalRoutes {
  /** Answer without the app; false to forward the request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** The app answered 404: answer instead (true), or let the 404 through (false). */
  handleNotFound(req: IncomingMessage, res: ServerResponse): boolean;
  /** End long-lived responses, so the port can close. */
  close(): void;
}

export class DevProxy {
  private readonly server: Server;
  private current: Upstream | undefined;
  /** What to answer while there is no server to forward to (first build, crash). */
  private unavailable = "The development server is starting";

  constructor(private readonly local?: LocalRoutes) {
    this.server = createServer((req, res) => {
      if (!this.local?.handle(req, res)) this.forward(req, res, this.current, false);
    });
  }

  /** Listen on host:port; rejects with the listen error (EADDRINUSE is the caller's to handle). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => {
        this.server.off("listening", onListening);
        reject(err);
      };
      const onListening = () => {
        this.server.off("error", onError);
        resolve((this.server.address() as AddressInfo).port);
      };
      this.server.once("error", onError);
      this.server.once("listening", onListening);
      this.server.listen(port, host);
    });
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** Forward new requests to this port from now on; returns the previous upstream to `release`. */
  switchTo(port: number): Upstream | undefined {
    const previous = this.current;
    this.current = { port, agent: new Agent({ keepAlive: true }), awaitingHeaders: 0 };
    return previous;
  }

  /** No server to forward to: answer 503 with this message until the next `switchTo`. */
  setUnavailable(message: string): Upstream | undefined {
    const previous = this.current;
    this.current = undefined;
    this.unavailable = message;
    return previous;
  }

  /**
   * Resolves once every request forwarded to `upstream` has its response headers, i.e. the
   * old server has accepted and is handling it: stopping it then drains them instead of
   * resetting a connection still waiting in its accept queue. Bounded, because a handler may
   * legitimately take long before its headers (it then counts as accepted anyway).
   */
  release(upstream: Upstream): Promise<void> {
    if (upstream.awaitingHeaders === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, RELEASE_WAIT_MS);
      timer.unref();
      function done() {
        clearTimeout(timer);
        upstream.onIdle = undefined;
        resolve();
      }
      upstream.onIdle = done;
    });
  }

  /** Stop accepting connections (the port is free once this resolves). */
  stopListening(): Promise<void> {
    return new Promise((resolve) => {
      this.local?.close();
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
    });
  }

  /** Drop whatever connections are left (after the servers behind them have stopped). */
  closeAllConnections(): void {
    this.server.closeAllConnections();
  }

  private forward(req: IncomingMessage, res: ServerResponse, upstream: Upstream | undefined, isRetry: boolean): void {
    if (!upstream) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      res.end(`${this.unavailable}\n`);
      return;
    }
    upstream.awaitingHeaders++;
    let counted = true;
    const settle = () => {
      if (!counted) return;
      counted = false;
      upstream.awaitingHeaders--;
      if (upstream.awaitingHeaders === 0) upstream.onIdle?.();
    };
    const body = hasBody(req);
    const outgoing = request(
      { host: "127.0.0.1", port: upstream.port, method: req.method, path: req.url, headers: endToEndHeaders(req.headers), agent: upstream.agent },
      (incoming) => {
        settle();
        if (incoming.statusCode === 404 && this.local?.handleNotFound(req, res)) {
          incoming.resume();
          return;
        }
        res.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, endToEndHeaders(incoming.headers));
        incoming.pipe(res);
        incoming.on("error", () => res.destroy());
      },
    );
    outgoing.on("error", (err: NodeJS.ErrnoException) => {
      settle();
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // Safety net for the swap: a request without a body that raced an old server's shutdown
      // (it picked the old target a moment before the switch) is sent again to the new one.
      if (!isRetry && !body && this.current && this.current !== upstream) {
        this.forward(req, res, this.current, true);
        return;
      }
      res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end(`mastra dev: the development server did not answer (${err.code ?? err.message})\n`);
    });
    // The client went away: stop the work upstream too (its AbortSignal fires).
    res.on("close", () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    if (body) req.pipe(outgoing);
    else outgoing.end();
  }
}

/**
 * What `mastra dev`'s proxy answers itself, without the app: the playground page and its files
 * under PLAYGROUND_PREFIX, the page at `/` when the app has no `/` of its own (the app keeps
 * priority: its answer wins unless it is a 404), and the server-swap events the page follows to
 * reload its data.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { PLAYGROUND_PREFIX, playgroundFile, playgroundPage, wantsPlaygroundPage, type PlaygroundAssets } from "../server/playground.js";
import { loadPlaygroundAssets } from "./assets.js";
import { DEV_EVENTS_PATH } from "./client/paths.js";

/** The parts of a Node request the page's answers depend on, as a fetch Request. */
function asRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const name of ["accept", "accept-encoding"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  return new Request(new URL(req.url ?? "/", "http://localhost"), { method: req.method === "GET" || req.method === "HEAD" ? req.method : "POST", headers });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

export class DevPlayground {
  private assets: PlaygroundAssets | undefined;
  private readonly listeners = new Set<ServerResponse>();
  private server: string | undefined;

  constructor(private readonly dir?: string) {}

  /** Answer a request meant for the dev process itself; false to forward it to the app. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === DEV_EVENTS_PATH) {
      this.subscribe(req, res);
      return true;
    }
    // Every request of the app passes here: only the page's own go further.
    if (!path.startsWith(PLAYGROUND_PREFIX)) return false;
    void send(playgroundFile(this.load(), asRequest(req))!, res);
    return true;
  }

  /** The app answered 404 to a browser asking for `/`: show the playground there instead. */
  handleNotFound(req: IncomingMessage, res: ServerResponse): boolean {
    const request = asRequest(req);
    if (!wantsPlaygroundPage(request)) return false;
    void send(playgroundPage(this.load(), request), res);
    return true;
  }

  /** A new server process took over: tell every open page. */
  serverChanged(id: string): void {
    this.server = id;
    for (const res of this.listeners) this.write(res);
  }

  /** End the event streams (the proxy cannot close while they are open). */
  close(): void {
    for (const res of this.listeners) res.end();
    this.listeners.clear();
  }

  private load(): PlaygroundAssets {
    return (this.assets ??= loadPlaygroundAssets(this.dir));
  }

  private subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });
    res.flushHeaders();
    this.listeners.add(res);
    if (this.server !== undefined) this.write(res);
    req.on("close", () => this.listeners.delete(res));
  }

  private write(res: ServerResponse): void {
    res.write(`data: ${JSON.stringify({ server: this.server })}\n\n`);
  }
}

/**
 * What `mastra dev`'s proxy answers itself, without the app: the playground page and its files
 * under PLAYGROUND_PREFIX, the page at `/` when the app has no `/` of its own (the app keeps
 * priority: its answer wins unless it is a 404), and the server-swap events the page follows to
 * reload its data.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { loadPlaygroundAssets, type Asset } from "./assets.js";
import { DEV_EVENTS_PATH, PLAYGROUND_PREFIX } from "./client/paths.js";

export class DevPlayground {
  private assets: Map<string, Asset> | undefined;
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
    if (!path.startsWith(PLAYGROUND_PREFIX)) return false;
    this.sendAsset(req, res, path.slice(PLAYGROUND_PREFIX.length) || "index.html");
    return true;
  }

  /** The app answered 404 to a browser asking for `/`: show the playground there instead. */
  handleNotFound(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/" || (req.method !== "GET" && req.method !== "HEAD")) return false;
    if (!(req.headers.accept ?? "").includes("text/html")) return false;
    this.sendAsset(req, res, "index.html");
    return true;
  }

  /** A new server process took over: tell every open page. */
  serverChanged(id: string): void {
    this.server = id;
    for (const res of this.listeners) this.send(res);
  }

  /** End the event streams (the proxy cannot close while they are open). */
  close(): void {
    for (const res of this.listeners) res.end();
    this.listeners.clear();
  }

  private subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" });
    res.flushHeaders();
    this.listeners.add(res);
    if (this.server !== undefined) this.send(res);
    req.on("close", () => this.listeners.delete(res));
  }

  private send(res: ServerResponse): void {
    res.write(`data: ${JSON.stringify({ server: this.server })}\n\n`);
  }

  private sendAsset(req: IncomingMessage, res: ServerResponse, name: string): void {
    this.assets ??= loadPlaygroundAssets(this.dir);
    const asset = this.assets.get(name);
    if (!asset) {
      const built = this.assets.size > 0;
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(built ? `Not found: ${name}\n` : "The playground is not built: run `npm run build` in the mastra-deploy package\n");
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = gzip ? asset.gzip : asset.body;
    res.writeHead(200, {
      "content-type": asset.type,
      "content-length": body.length,
      // Each `mastra dev` may ship a newer page: revalidate instead of caching.
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }
}

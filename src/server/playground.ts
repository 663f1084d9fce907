/**
 * Serving the playground page (built into the package's dist/playground/) from memory: by the
 * `mastra dev` proxy always, and by a Node server built with `mastra build --playground` (its
 * output then holds a playground/ folder next to index.mjs). Part of the Node listener: it reads
 * files, so it never runs in workerd.
 *
 * The page lives under PLAYGROUND_PREFIX; `/` shows it too when the app has no `/` of its own
 * (the app keeps priority: only its 404 to a browser's GET of `/` becomes the page).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export const PLAYGROUND_PREFIX = "/__mastra/playground/";

/** The folder name a build with `--playground` writes next to index.mjs. */
export const PLAYGROUND_OUTPUT_DIR = "playground";

export interface PlaygroundAsset {
  type: string;
  body: Uint8Array;
  gzip: Uint8Array;
}

export type PlaygroundAssets = ReadonlyMap<string, PlaygroundAsset>;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** The page's files by name (`index.html`, `app.js`, …), gzipped once; empty when `dir` does not exist. */
export function readPlaygroundAssets(dir: string): Map<string, PlaygroundAsset> {
  const assets = new Map<string, PlaygroundAsset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.slice(name.lastIndexOf("."))];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }) });
  }
  return assets;
}

/** A browser asking for `/`: the request whose 404 from the app becomes the page. */
export function wantsPlaygroundPage(request: Request): boolean {
  return (request.method === "GET" || request.method === "HEAD") && new URL(request.url).pathname === "/" && (request.headers.get("accept") ?? "").includes("text/html");
}

/** The answer to a request under PLAYGROUND_PREFIX (the prefix itself is the page), or undefined for any other path. */
export function playgroundFile(assets: PlaygroundAssets, request: Request): Response | undefined {
  const path = new URL(request.url).pathname;
  if (!path.startsWith(PLAYGROUND_PREFIX)) return undefined;
  if (request.method !== "GET" && request.method !== "HEAD") {
    return new Response("Method Not Allowed\n", { status: 405, headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" } });
  }
  return assetResponse(assets, request, path.slice(PLAYGROUND_PREFIX.length) || "index.html");
}

/** The page itself. */
export function playgroundPage(assets: PlaygroundAssets, request: Request): Response {
  return assetResponse(assets, request, "index.html");
}

function assetResponse(assets: PlaygroundAssets, request: Request, name: string): Response {
  const asset = assets.get(name);
  if (!asset) {
    const message = assets.size ? `Not found: ${name}` : "The playground is not built: run `npm run build` in the mastra-deploy package";
    return new Response(`${message}\n`, { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const gzip = /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
  const body = gzip ? asset.gzip : asset.body;
  const headers: Record<string, string> = {
    "content-type": asset.type,
    "content-length": String(body.byteLength),
    // A newer package or build may ship a newer page: revalidate instead of caching.
    "cache-control": "no-cache",
    vary: "accept-encoding",
  };
  if (gzip) headers["content-encoding"] = "gzip";
  return new Response(request.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), { headers });
}

type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/** An app's fetch that also serves the playground (a server built with `mastra build --playground`). */
export function withPlayground<F extends Fetch>(fetch: F, assets: PlaygroundAssets): F {
  return (async (request: Request, ...rest: unknown[]) => {
    const file = playgroundFile(assets, request);
    if (file) return file;
    const response = await fetch(request, ...rest);
    return response.status === 404 && wantsPlaygroundPage(request) ? playgroundPage(assets, request) : response;
  }) as F;
}

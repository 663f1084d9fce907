/**
 * The built playground (dist/playground/, written by scripts/build-playground.mjs at package
 * build): read once, gzipped once, served from memory. Node's side of the page: `mastra dev`
 * serves it through its proxy, and `mastra build --playground` copies the same files.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ownPackageRoot } from "../build/runtime.js";

export interface Asset {
  type: string;
  body: Buffer;
  gzip: Buffer;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Where the package build put the page. */
export function playgroundDir(): string {
  return join(ownPackageRoot(), "dist", "playground");
}

/** The page's files by name (`index.html`, `app.js`, …); empty when the package was not built. */
export function loadPlaygroundAssets(dir = playgroundDir()): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(dir)) return assets;
  for (const name of readdirSync(dir)) {
    const ext = name.slice(name.lastIndexOf("."));
    const type = TYPES[ext];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { type, body, gzip: gzipSync(body, { level: 9 }) });
  }
  return assets;
}

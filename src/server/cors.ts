import { cors } from "hono/cors";
import type { CorsConfig } from "../core/config.js";

/** Headers Mastra's own clients send; always allowed so a custom `allowHeaders` cannot break them. */
export const MASTRA_CLIENT_HEADERS = ["x-mastra-cloud", "x-mastra-client-type", "x-mastra-dev-playground"];

const DEFAULTS = {
  origin: "*",
  allowMethods: ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"],
  allowHeaders: ["Content-Type", "Authorization"],
  // None by default: Content-Length is already readable cross-origin, and a non-empty list makes
  // Hono's cors touch the response before the handler runs, copying every response once more.
  exposeHeaders: [] as string[],
  credentials: false,
  maxAge: 3600,
};

/** Hono's cors middleware with Mastra's defaults; runs first so preflights never meet auth middleware. */
export function corsMiddleware(config: CorsConfig) {
  const merged = { ...DEFAULTS, ...config };
  const allowHeaders = [...new Set([...merged.allowHeaders, ...MASTRA_CLIENT_HEADERS])];
  // Browsers reject `Access-Control-Allow-Origin: *` with credentials; echo the caller's origin instead.
  const origin = merged.origin === "*" && merged.credentials ? (o: string) => o : merged.origin;
  return cors({ ...merged, origin, allowHeaders });
}

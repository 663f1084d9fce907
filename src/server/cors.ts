import type { Context, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { CorsConfig } from "../core/config.js";
import { setResponseHeader } from "./response-header.js";

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
export function corsMiddleware(config: CorsConfig): MiddlewareHandler {
  const merged = { ...DEFAULTS, ...config };
  const allowHeaders = [...new Set([...merged.allowHeaders, ...MASTRA_CLIENT_HEADERS])];
  // Browsers reject `Access-Control-Allow-Origin: *` with credentials; echo the caller's origin instead.
  const origin = merged.origin === "*" && merged.credentials ? (o: string) => o : merged.origin;
  const handler = cors({ ...merged, origin, allowHeaders });
  if (origin === "*") return handler;
  // With any origin but "*", Hono's cors appends `Vary: Origin` with c.header() after the handler
  // has answered, which copies the finished response (see setResponseHeader): over a third of a
  // GET's CPU on node. For that one call, append in place instead; the header sent is the same.
  return (c, next) =>
    handler(c, async () => {
      await next();
      const header = c.header;
      c.header = ((name: string, value?: string, options?: { append: boolean }) => {
        c.header = header;
        if (name === "Vary" && value !== undefined && c.finalized) setResponseHeader(c, name, value, options);
        else header(name, value, options);
      }) as Context["header"];
    });
}

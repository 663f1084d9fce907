import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { MastraEnv } from "../core/api-route.js";
import { noopLogger } from "../core/logger.js";
import type { Mastra } from "../core/mastra.js";
import { processEnv } from "../core/runtime-env.js";
import { corsMiddleware } from "./cors.js";
import { errorResponder, notFound } from "./errors.js";
import { requestLog } from "./request-log.js";
import { requestSetup, requestTimeout } from "./request-setup.js";
import { agentRoutes } from "./routes/agents.js";
import { memoryRoutes } from "./routes/memory.js";
import { buildOpenApi } from "./routes/openapi.js";
import type { BuiltinRoute } from "./routes/route.js";
import { toolRoutes } from "./routes/tools.js";
import { workflowRoutes } from "./routes/workflows.js";

const builtinRoutes: BuiltinRoute[] = [...agentRoutes, ...memoryRoutes, ...workflowRoutes, ...toolRoutes];

export interface CreateServerOptions {
  /** Adds stacks to 500 responses. Defaults to NODE_ENV === "development". */
  dev?: boolean;
}

/**
 * The one Hono app every target wraps. Web-standard APIs only, so it runs unchanged on Node,
 * workerd, Vercel and Netlify. Order matters: the request id and log line first (so every
 * request, preflights included, is counted), CORS (preflights never reach auth), then the
 * per-request setup with the body limit, the timeout, user middleware, and finally the routes.
 */
export function createServer(mastra: Mastra, options: CreateServerOptions = {}): Hono<MastraEnv> {
  const config = mastra.getServer();
  const dev = options.dev ?? processEnv("NODE_ENV") === "development";
  const logger = mastra.getLogger();
  const app = new Hono<MastraEnv>();

  app.onError(errorResponder({ dev, logger }));
  app.notFound(notFound);

  // `logger: false`: no layer at all, so a silenced app pays nothing per request.
  if (logger !== noopLogger) app.use("*", requestLog(logger));

  if (config.cors !== false) app.use("*", corsMiddleware(config.cors));
  const limit = config.bodySizeLimit;
  const limitBody = bodyLimit({ maxSize: limit, onError: (c) => c.json({ error: `Request body is larger than the limit of ${limit} bytes` }, 413) });
  app.use("*", requestSetup(mastra, limitBody));
  app.use("*", requestTimeout(config.timeout));

  for (const entry of config.middleware) {
    if (typeof entry === "function") app.use("*", entry);
    else app.use(entry.path ?? "/api/*", entry.handler);
  }

  app.get("/health", (c) => c.json({ status: "ok" }));
  let openapi: Record<string, unknown> | undefined;
  app.get("/api/openapi.json", (c) => c.json((openapi ??= buildOpenApi(builtinRoutes, config.apiRoutes))));
  for (const route of builtinRoutes) app.on(route.method, route.path, route.handler);

  for (const route of config.apiRoutes) {
    const handlers: MiddlewareHandler<MastraEnv>[] = [...(route.middleware ?? []), route.handler as MiddlewareHandler<MastraEnv>];
    // Hono registers "ALL" routes under that method name, so one call covers every method.
    (app.on as (method: string, path: string, ...h: MiddlewareHandler<MastraEnv>[]) => unknown)(route.method, route.path, ...handlers);
  }
  return app;
}

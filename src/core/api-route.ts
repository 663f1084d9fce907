import type { Context, MiddlewareHandler } from "hono";
import { z } from "zod";
import { checkOptions, options } from "./config-options.js";
import type { Mastra } from "./mastra.js";
import type { RequestContext } from "./request-context.js";

export const HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "ALL"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What `c.get(...)` returns inside middleware and route handlers. */
export type MastraVariables = {
  mastra: Mastra;
  requestContext: RequestContext;
  /** Aborts when `server.timeout` elapses; hand it to fetch, agents, tools and workflows. */
  abortSignal: AbortSignal;
  /** This request's id, also sent back as `x-request-id` (absent when the app sets `logger: false`). */
  requestId?: string;
} & Record<string, any>;

export type MastraEnv = { Variables: MastraVariables; Bindings: any };
export type MastraContext = Context<MastraEnv>;
export type RouteHandler = (c: MastraContext) => Response | Promise<Response>;
export type Middleware = MiddlewareHandler<MastraEnv>;

export interface ApiRouteOptions {
  method: HttpMethod;
  handler: RouteHandler;
  /** Runs only for this route, after the server-wide middleware. */
  middleware?: Middleware[];
  /** Merged into this route's OpenAPI operation (summary, description, requestBody, responses, …). */
  openapi?: Record<string, unknown>;
}

export interface ApiRoute extends ApiRouteOptions {
  path: string;
}

const fn = z.custom<(...args: any[]) => unknown>((v) => typeof v === "function", { error: "must be a function" });

/** The options of `registerApiRoute(path, { … })`; `server.apiRoutes` entries are these plus `path`. */
export const routeOptionsShape = {
  method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(", ")}` }),
  handler: fn,
  middleware: z.array(fn, { error: "must be a list of functions" }).optional(),
  openapi: z.record(z.string(), z.unknown(), { error: "must be an object (an OpenAPI operation)" }).optional(),
};
export const ROUTE_NOT_YET: Record<string, string> = {
  createHandler: "use `handler: async (c) => …` and read the Mastra instance with c.get(\"mastra\")",
  requiresAuth: "check auth in the route's `middleware` instead",
};
const routeOptionsSchema = options(routeOptionsShape, ROUTE_NOT_YET, "must be an object { method, handler }");

/** True when `path` would live under the built-in `/api` prefix. */
export function isReservedPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

export function registerApiRoute(path: string, options: ApiRouteOptions): ApiRoute {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new TypeError(`registerApiRoute: path must be a string starting with "/" (got ${JSON.stringify(path)})`);
  }
  if (isReservedPath(path)) {
    throw new TypeError(
      `registerApiRoute("${path}"): paths under /api are reserved for Mastra's built-in routes; use a path like "${path.replace(/^\/api/, "") || "/my-route"}"`,
    );
  }
  checkOptions(routeOptionsSchema, options, { subject: `route options of registerApiRoute("${path}")` });
  return { path, ...options } as ApiRoute;
}


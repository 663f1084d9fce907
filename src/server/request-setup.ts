import type { MiddlewareHandler } from "hono";
import { timeout } from "hono/timeout";
import { HTTPException } from "hono/http-exception";
import type { MastraEnv } from "../core/api-route.js";
import type { Mastra } from "../core/mastra.js";
import { RequestContext } from "../core/request-context.js";
import { isRecord, peekJsonBody } from "./body.js";

const abortControllers = new WeakMap<object, AbortController>();

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Gives every request `mastra`, a `requestContext` seeded from the body's `requestContext`
 * (or `runtimeContext`, the older client's name) and an `abortSignal`. Runs before user middleware,
 * so middleware can read and overwrite what the client sent. Requests that carry a body pass the
 * body limit first, so seeding never reads more than `bodySizeLimit` bytes; the others skip it,
 * because looking at the body makes @hono/node-server build a full Request (a sixth of a GET's CPU).
 * One middleware rather than two: each layer costs every request a few microtasks.
 */
export function requestSetup(mastra: Mastra, limitBody: MiddlewareHandler<MastraEnv>): MiddlewareHandler<MastraEnv> {
  return (c, next) => {
    const controller = new AbortController();
    abortControllers.set(c, controller);
    c.set("mastra", mastra);
    c.set("abortSignal", controller.signal);
    if (BODYLESS.has(c.req.method)) {
      c.set("requestContext", new RequestContext());
      return next();
    }
    return limitBody(c, async () => {
      const body = await peekJsonBody(c);
      const seed = isRecord(body) ? (body.requestContext ?? body.runtimeContext) : undefined;
      // A seed that is not an object is ignored here and refused with a 400 by the route's body check.
      c.set("requestContext", new RequestContext(isRecord(seed) ? seed : undefined));
      await next();
    });
  };
}

/** Abort this request's work: the agent call, tool, step or handler holding `c.get("abortSignal")`. */
export function abortRequest(c: object, reason: unknown): void {
  abortControllers.get(c)?.abort(reason);
}

/**
 * Hono's timeout middleware answers 504; before it does, we abort the request's signal so the
 * agent call, tool, workflow step or custom handler stops instead of running on unseen.
 */
export function requestTimeout(ms: number): MiddlewareHandler<MastraEnv> {
  return timeout(ms, (c) => {
    const message = `Request timed out after ${ms} ms`;
    abortRequest(c, new DOMException(message, "TimeoutError"));
    return new HTTPException(504, { message });
  });
}

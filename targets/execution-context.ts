// The one adapter between a platform's "keep running after the response" hook and Hono's
// `c.executionCtx`, which the server hands background work to (a workflow started with /start).
// Workers pass their own ExecutionContext to `app.fetch`; Vercel's and Netlify's Node functions
// have only a `waitUntil`, found per request, and adapt it here.
import type { ExecutionContext } from "hono";

/** An ExecutionContext whose waitUntil goes to `waitUntil` (work still runs where the platform has none). */
export function executionContext(waitUntil: (promise: Promise<unknown>) => void): ExecutionContext {
  return {
    waitUntil,
    // Workers-only: fall through to the origin on an exception. A function has no origin.
    passThroughOnException() {},
    props: {},
  };
}

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HttpError, ValidationError } from "../core/errors.js";
import type { IMastraLogger } from "../core/logger.js";

/**
 * Turn anything thrown in a handler or middleware into `{ error }` JSON with the right status.
 * Only the unexpected (500) is logged, with its stack and the request id; 4xx are the client's.
 */
export function errorResponder(options: { dev: boolean; logger: IMastraLogger }) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HTTPException) {
      // A middleware that built its own response (e.g. `new HTTPException(401, { res })`) keeps it.
      if (err.res) return err.getResponse();
      return c.json({ error: err.message || statusText(err.status) }, err.status as ContentfulStatusCode);
    }
    if (err instanceof ValidationError) return c.json({ error: err.message, issues: err.issues }, 400);
    if (err instanceof HttpError) return c.json({ error: err.message }, err.status as ContentfulStatusCode);
    if ((c.get("abortSignal") as AbortSignal | undefined)?.aborted) {
      // The timeout already answered 504; this is the aborted work unwinding, not a new failure.
      return c.json({ error: "Request aborted" }, 504);
    }
    if (err instanceof SyntaxError) {
      // What c.req.json() throws on a body that is not JSON.
      return c.json({ error: `Malformed JSON in request body: ${err.message}` }, 400);
    }
    const requestId = c.get("requestId") as string | undefined;
    options.logger.error(`${c.req.method} ${c.req.path} failed: ${err?.message ?? String(err)}`, { requestId, error: err });
    return c.json({ error: err?.message || "Internal Server Error", ...(options.dev && err?.stack ? { stack: err.stack } : {}) }, 500);
  };
}

export function notFound(c: Context): Response {
  return c.json({ error: `Not found: ${c.req.method} ${c.req.path}` }, 404);
}

function statusText(status: number): string {
  return status === 504 ? "Gateway Timeout" : status === 413 ? "Payload Too Large" : status === 401 ? "Unauthorized" : "Error";
}

import type { MiddlewareHandler } from "hono";
import type { MastraEnv } from "../core/api-route.js";
import { levelEnabled, type IMastraLogger } from "../core/logger.js";
import { setResponseHeader } from "./response-header.js";

export const REQUEST_ID_HEADER = "x-request-id";

/** An incoming id is kept when it is short and plain (it ends up in logs and a response header). */
const SANE_REQUEST_ID = /^[\w.:=-]{1,128}$/;

/**
 * First on every request: give it an id (the caller's `x-request-id` when sane, else a UUID),
 * send the id back in `x-request-id`, and write one line when the response is ready: method,
 * path (never the query, which may carry secrets), status, milliseconds and the id.
 * The line is built only when the logger writes "info"; the level is read once, here.
 */
export function requestLog(logger: IMastraLogger): MiddlewareHandler<MastraEnv> {
  const logLines = levelEnabled(logger, "info");
  return async (c, next) => {
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", requestId);
    const start = logLines ? performance.now() : 0;
    await next();
    setResponseHeader(c, REQUEST_ID_HEADER, requestId);
    if (!logLines) return;
    const ms = Math.round((performance.now() - start) * 10) / 10;
    const { method, path } = c.req;
    const status = c.res.status;
    logger.info(`${method} ${path} ${status} ${ms}ms`, { requestId, method, path, status, durationMs: ms });
  };
}

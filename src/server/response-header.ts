import type { Context } from "hono";

/**
 * Set (or append) a header on a finished response in place. Hono's `c.header()` on a finished
 * response copies it first; on @hono/node-server that copy is a full undici Response whose body
 * must then be streamed out. Only a response with immutable headers (a proxied fetch) is copied.
 */
export function setResponseHeader(c: Context, name: string, value: string, options?: { append: boolean }): void {
  try {
    if (options?.append) c.res.headers.append(name, value);
    else c.res.headers.set(name, value);
  } catch {
    c.header(name, value, options);
  }
}

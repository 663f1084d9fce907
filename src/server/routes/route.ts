import type { z } from "zod";
import type { MastraContext } from "../../core/api-route.js";

/** A built-in route: registered from this table and described by the same table in OpenAPI. */
export interface BuiltinRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  tag: string;
  summary: string;
  body?: z.ZodType;
  query?: Record<string, string>;
  /** "sse" for server-sent events, "text" for a plain-text stream (workflow watch); JSON otherwise. */
  responds?: "json" | "sse" | "text";
  handler: (c: MastraContext) => Response | Promise<Response>;
}

import { z } from "zod";
import { HTTP_METHODS, isReservedPath, type ApiRoute, type Middleware } from "./api-route.js";
import { MastraConfigError } from "./errors.js";

export const DEFAULT_PORT = 4111;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Vercel's request body ceiling; a sane default for every platform. */
export const DEFAULT_BODY_SIZE_LIMIT = 4.5 * 1024 * 1024;

export interface CorsConfig {
  origin?: string | string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  credentials?: boolean;
  maxAge?: number;
}

export type MiddlewareEntry = Middleware | { handler: Middleware; path?: string };

export interface ServerConfig {
  port?: number;
  host?: string;
  /** Milliseconds before a request is answered 504 and its work aborted. */
  timeout?: number;
  /** `false` turns CORS handling off entirely. */
  cors?: CorsConfig | false;
  middleware?: MiddlewareEntry[];
  apiRoutes?: ApiRoute[];
  /** Largest accepted request body, in bytes. */
  bodySizeLimit?: number;
}

export interface ResolvedServerConfig {
  port: number;
  host?: string;
  timeout: number;
  cors: CorsConfig | false;
  middleware: MiddlewareEntry[];
  apiRoutes: ApiRoute[];
  bodySizeLimit: number;
}

const fn = z.custom<(...args: any[]) => unknown>((v) => typeof v === "function", { message: "must be a function" });

const serverSchema = z
  .object({
    port: z.number({ error: "must be a number" }).int("must be an integer").min(0, "must be between 0 and 65535").max(65535, "must be between 0 and 65535").optional(),
    host: z.string({ error: "must be a string" }).min(1, "must not be empty").optional(),
    timeout: z.number({ error: "must be a number of milliseconds" }).positive("must be a positive number of milliseconds").optional(),
    bodySizeLimit: z.number({ error: "must be a number of bytes" }).int("must be a whole number of bytes").positive("must be a positive number of bytes").optional(),
    cors: z
      .union([
        z.literal(false),
        z.object({
          origin: z.union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" }).optional(),
          allowMethods: z.array(z.string(), { error: "must be a list of strings" }).optional(),
          allowHeaders: z.array(z.string(), { error: "must be a list of strings" }).optional(),
          exposeHeaders: z.array(z.string(), { error: "must be a list of strings" }).optional(),
          credentials: z.boolean({ error: "must be true or false" }).optional(),
          maxAge: z.number({ error: "must be a number of seconds" }).int().nonnegative().optional(),
        }),
      ], { error: "must be false or an object" })
      .optional(),
    middleware: z
      .array(
        z.union([fn, z.object({ handler: fn, path: z.string({ error: "must be a path string" }).startsWith("/", "must start with /").optional() })], {
          error: "must be a function or { handler, path }",
        }),
        { error: "must be a list" },
      )
      .optional(),
    apiRoutes: z
      .array(
        z.object({
          path: z
            .string({ error: "must be a path string" })
            .startsWith("/", "must start with /")
            .refine((p) => !isReservedPath(p), "is under /api, which is reserved for built-in routes"),
          method: z.enum(HTTP_METHODS, { error: `must be one of ${HTTP_METHODS.join(", ")}` }),
          handler: fn,
          middleware: z.array(fn, { error: "must be a list of functions" }).optional(),
        }),
        { error: "must be a list of routes made with registerApiRoute()" },
      )
      .optional(),
  }, { error: "must be an object" })
  .passthrough();

/** Validate and fill defaults; the thrown message names the first bad field, e.g. `server.middleware[1]`. */
export function resolveServerConfig(server: unknown): ResolvedServerConfig {
  const parsed = serverSchema.optional().safeParse(server);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MastraConfigError(fieldName(["server", ...issue.path]), describe(issue, server));
  }
  // Validated, but the user's own objects are kept: route extras such as `openapi` survive as given.
  const s = (server ?? {}) as ServerConfig;
  return {
    port: s.port ?? DEFAULT_PORT,
    host: s.host,
    timeout: s.timeout ?? DEFAULT_TIMEOUT_MS,
    cors: (s.cors ?? {}) as CorsConfig | false,
    middleware: (s.middleware ?? []) as MiddlewareEntry[],
    apiRoutes: (s.apiRoutes ?? []) as ApiRoute[],
    bodySizeLimit: s.bodySizeLimit ?? DEFAULT_BODY_SIZE_LIMIT,
  };
}

function fieldName(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

function describe(issue: z.core.$ZodIssue, root: unknown): string {
  const value = issue.path.reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as any)[key as any] : undefined), root);
  const got = value === undefined ? "missing" : typeof value === "function" ? "a function" : safeJson(value);
  return `${issue.message} (got ${got})`;
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

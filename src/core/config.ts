import { z } from "zod";
import { ROUTE_NOT_YET, isReservedPath, routeOptionsShape, type ApiRoute, type Middleware } from "./api-route.js";
import { checkOptions, keysOnly, options } from "./config-options.js";

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

const fn = z.custom<(...args: any[]) => unknown>((v) => typeof v === "function", { error: "must be a function" });

const corsSchema = options({
  origin: z.union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" }).optional(),
  allowMethods: z.array(z.string(), { error: "must be a list of strings" }).optional(),
  allowHeaders: z.array(z.string(), { error: "must be a list of strings" }).optional(),
  exposeHeaders: z.array(z.string(), { error: "must be a list of strings" }).optional(),
  credentials: z.boolean({ error: "must be true or false" }).optional(),
  maxAge: z.number({ error: "must be a number of seconds" }).int().nonnegative().optional(),
}, {}, "must be false or an object");

const middlewareEntrySchema = options({
  handler: fn,
  path: z.string({ error: "must be a path string" }).startsWith("/", "must start with /").optional(),
}, {}, "must be a function or { handler, path }");

const apiRouteSchema = options({
  path: z
    .string({ error: "must be a path string" })
    .startsWith("/", "must start with /")
    .refine((p) => !isReservedPath(p), "is under /api, which is reserved for built-in routes"),
  ...routeOptionsShape,
}, ROUTE_NOT_YET, "must be a route made with registerApiRoute()");

/** `server` of `new Mastra({ server })`: one line per option. */
export const serverSchema = options({
  port: z.number({ error: "must be a number" }).int("must be an integer").min(0, "must be between 0 and 65535").max(65535, "must be between 0 and 65535").optional(),
  host: z.string({ error: "must be a string" }).min(1, "must not be empty").optional(),
  timeout: z.number({ error: "must be a number of milliseconds" }).positive("must be a positive number of milliseconds").optional(),
  bodySizeLimit: z.number({ error: "must be a number of bytes" }).int("must be a whole number of bytes").positive("must be a positive number of bytes").optional(),
  cors: z.union([z.literal(false), corsSchema], { error: "must be false or an object" }).optional(),
  middleware: z.array(z.union([fn, middlewareEntrySchema], { error: "must be a function or { handler, path }" }), { error: "must be a list" }).optional(),
  apiRoutes: z.array(apiRouteSchema, { error: "must be a list of routes made with registerApiRoute()" }).optional(),
}, {
  build: "the API is always served with /api/openapi.json; request logging is your own middleware",
  experimental_auth: "check auth in server.middleware (an object { handler, path: \"/api/*\" })",
  https: "terminate TLS in front of the server (a load balancer, the platform, or a reverse proxy)",
});

/*
 * The options of agents, tools, steps and workflows. Their constructors check the values; these
 * tables catch unknown and not-yet-implemented keys. Add an option here when you implement it.
 */
export const AGENT_OPTIONS = keysOnly(["id", "name", "instructions", "model", "tools", "memory"], {
  description: "put it in `instructions` or leave it out",
  maxRetries: "wrap the model in the AI SDK's retry settings instead",
  workflows: "register workflows on new Mastra({ workflows }) and call them from a tool",
  agents: "register agents on new Mastra({ agents }) and call them from a tool",
  defaultGenerateOptions: "pass the options to agent.generate()",
  defaultStreamOptions: "pass the options to agent.stream()",
  defaultVNextStreamOptions: "pass the options to agent.stream()",
  mastra: "the agent is given its Mastra instance when it is registered",
  scorers: "scorers are not supported",
  evals: "evals are not supported",
  voice: "voice is not supported",
  inputProcessors: "process the input before calling the agent",
  outputProcessors: "process the result after calling the agent",
  options: "pass call options to agent.generate() or agent.stream()",
});

export const TOOL_OPTIONS = keysOnly(["id", "description", "inputSchema", "outputSchema", "execute"], {
  suspendSchema: "tools cannot suspend; use a workflow step",
  resumeSchema: "tools cannot suspend; use a workflow step",
  requireApproval: "ask for approval in your own route before running the tool",
  mastra: "read the Mastra instance from the request's context instead",
  onInputStart: "tool input streaming callbacks are not supported",
  onInputDelta: "tool input streaming callbacks are not supported",
  onInputAvailable: "tool input streaming callbacks are not supported",
  mcp: "MCP is not supported",
});

export const STEP_OPTIONS = keysOnly(["id", "description", "inputSchema", "outputSchema", "resumeSchema", "suspendSchema", "execute"], {
  stateSchema: "workflow state is not supported; pass data between steps as outputs",
  retries: "retry inside `execute`",
  scorers: "scorers are not supported",
  component: "leave it out",
});

// `steps` only declares the steps for Mastra's types; the graph comes from .then/.parallel/….
export const WORKFLOW_OPTIONS = keysOnly(["id", "description", "inputSchema", "outputSchema", "options", "steps"], {
  stateSchema: "workflow state is not supported; pass data between steps as outputs",
  retryConfig: "retry inside a step's `execute`",
  executionEngine: "the built-in engine runs every workflow",
  type: "leave it out",
  mastra: "the workflow is given its Mastra instance when it is registered",
});

/** Validate and fill defaults; the thrown message names the first bad field, e.g. `server.middleware[1]`. */
export function resolveServerConfig(server: unknown): ResolvedServerConfig {
  checkOptions(serverSchema.optional(), server, { prefix: ["server"] });
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

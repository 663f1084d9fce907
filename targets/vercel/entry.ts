// Runtime entry for the vercel target: the bundle IS the function (`.vc-config.json` handler).
// Vercel's Node runtime treats named HTTP-method exports as Web handlers: each gets a Request and
// returns a Response, so the Hono app is called exactly as on Workers. The app (and its Mastra
// instance) is created once per function instance, at import.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport, createServer } from "mastra-deploy/server";
import { executionContext } from "../execution-context.js";

const app = createServer(checkMastraExport(mastra));

/** Where Vercel's runtime puts the current request's waitUntil (what `@vercel/functions`' waitUntil reads). */
const REQUEST_CONTEXT = Symbol.for("@vercel/request-context");
type RequestContext = { get?(): { waitUntil?(promise: Promise<unknown>): void } | undefined };

const ctx = executionContext((promise) => (globalThis as { [REQUEST_CONTEXT]?: RequestContext })[REQUEST_CONTEXT]?.get?.()?.waitUntil?.(promise));

const handle = async (request: Request): Promise<Response> => app.fetch(request, process.env, ctx);

export { handle as GET, handle as HEAD, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
export default { fetch: handle };

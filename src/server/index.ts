// `mastra-deploy/server` (and `@mastra/core/server` in a built app). Web-standard: no Node imports here.
export { createServer, type CreateServerOptions } from "./create-server.js";
export { registerApiRoute, type ApiRoute, type ApiRouteOptions, type Middleware, type MastraContext } from "../core/api-route.js";
export { MASTRA_CLIENT_HEADERS } from "./cors.js";
export { checkMastraExport } from "./entry-support.js";

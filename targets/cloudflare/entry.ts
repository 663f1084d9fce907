// Default runtime entry for the worker platform: the Hono app is the module's default
// export (it has `fetch`). It is created here, at module scope, so workerd builds the
// Mastra instance and the app once per isolate, not per request.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport, createServer } from "mastra-deploy/server";

const app = createServer(checkMastraExport(mastra));
export default app;

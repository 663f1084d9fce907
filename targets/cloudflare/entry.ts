// Default runtime entry for the worker platform: the Hono app is the module's default
// export (it has `fetch`). It is created here, at module scope, so workerd builds the
// Mastra instance and the app once per isolate, not per request.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport, createServer } from "mastra-deploy/server";
import { providePlatformEnv } from "mastra-deploy/storage";

const app = createServer(checkMastraExport(mastra));
// Stores created before any request (D1Store({ binding: "DB" })) find their bindings in the env
// of the first request; Vercel and Netlify call fetch without one, which changes nothing.
const serve = app.fetch;
app.fetch = (request, env, ctx) => {
  providePlatformEnv(env);
  return serve(request, env, ctx);
};
export default app;

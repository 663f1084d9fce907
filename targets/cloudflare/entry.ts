// Default runtime entry for the worker platform: the Hono app is the module's default
// export (it has `fetch`). It is created here, at module scope, so workerd builds the
// Mastra instance and the app once per isolate, not per request.
import { mastra } from "virtual:mastra-app";
import { Mastra } from "mastra-deploy";
import { createServer } from "mastra-deploy/server";

// Checked here so a wrong export fails with its name, not deep inside the server (the build's app check relies on this message).
const found: unknown = mastra;
if (!(found instanceof Mastra)) {
  const kind = found === null || typeof found !== "object" ? String(found) : `an object (${found.constructor?.name ?? "Object"})`;
  throw new TypeError(`"mastra" is ${kind}, not a Mastra instance`);
}

const app = createServer(mastra);
export default app;

// Default runtime entry for the node platform (node and docker targets, `mastra start`):
// listen on PORT / server.port / 4111, with graceful shutdown on SIGTERM/SIGINT.
import { mastra } from "virtual:mastra-app";
import { Mastra } from "mastra-deploy";
import { serve } from "mastra-deploy/node";

// Checked here so a wrong export fails with its name, not deep inside the server (the build's app check relies on this message).
const found: unknown = mastra;
if (!(found instanceof Mastra)) {
  const kind = found === null || typeof found !== "object" ? String(found) : `an object (${found.constructor?.name ?? "Object"})`;
  throw new TypeError(`"mastra" is ${kind}, not a Mastra instance`);
}

await serve(mastra);

// Default runtime entry for the node platform (node and docker targets, `mastra start`):
// listen on PORT / server.port / 4111, with graceful shutdown on SIGTERM/SIGINT.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport } from "mastra-deploy/server";
import { ListenError, serve } from "mastra-deploy/node";

try {
  await serve(checkMastraExport(mastra));
} catch (err) {
  // A taken port or a bad PORT is the operator's to fix: one line, no stack trace.
  if (!(err instanceof ListenError)) throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(1);
}

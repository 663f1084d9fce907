// Default runtime entry for the node platform (node and docker targets, `mastra start`):
// listen on PORT / server.port / 4111, with graceful shutdown on SIGTERM/SIGINT.
import { mastra } from "virtual:mastra-app";
import { checkMastraExport } from "mastra-deploy/server";
import { serve } from "mastra-deploy/node";

await serve(checkMastraExport(mastra));

// Default runtime entry for the node platform (node, docker targets; `mastra start`):
// listen on PORT / server.port / 4111 with graceful shutdown on SIGTERM/SIGINT.
import { mastra } from "virtual:mastra-app";
import { serve } from "mastra-deploy/node";

await serve(mastra);

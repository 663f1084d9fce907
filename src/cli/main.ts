/**
 * Process entry of the `mastra` bin (bin/mastra.js imports the compiled copy of this file).
 */
import { processIO } from "./io.js";
import { runCli } from "./run.js";

try {
  process.exitCode = await runCli(process.argv.slice(2), processIO());
} catch (err) {
  // A bug, not a user error: show the stack so it can be reported.
  process.stderr.write(`mastra: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
}

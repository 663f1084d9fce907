/**
 * `mastra dev [--dir <root>] [--port <n>] [--env <file>]`: the development server.
 * Prints one line per reload; a failed build or start prints the error and keeps serving the
 * last good server. Runs until SIGINT/SIGTERM, then stops everything it started.
 */
import { relative, resolve } from "node:path";
import { isBuildError } from "../../build/errors.js";
import { firstAppFrame } from "../../build/code-frame.js";
import { startDevServer, type DevEvent } from "../../dev/dev-server.js";
import { EnvFileError } from "../../dev/env-files.js";
import type { ServerLoadError } from "../../dev/server-process.js";
import { PLAYGROUND_PREFIX } from "../../server/playground.js";
import { badPortMessage, parsePort } from "../../server/port.js";
import { parseCommandArgs } from "../args.js";
import { displayFrom, formatToolError, formatDuration } from "../format.js";
import { processIO, UsageError, type CliIO } from "../io.js";

export const DEV_USAGE = `Usage: mastra dev [--dir <project root>] [--port <port>] [--env <file>]

  --dir <path>    project root holding src/mastra/index.ts (default: current folder)
  --port <port>   public port (default: PORT, then server.port, then 4111; the next free
                  port is used if it is taken)
  --env <file>    one more env file, loaded after .env, .env.local and .env.development
`;

function meanwhile(serving: boolean): string {
  return serving ? "The last good server keeps running; save a fix to reload.\n" : "Waiting for a fix…\n";
}

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** Where in the app's own sources the server failed (the stack is source-mapped), with a code frame. */
function appFrame(root: string, stack: string): string {
  const found = firstAppFrame(root, stack);
  if (found) return `  at ${relative(root, found.file)}:${found.line}:${found.column}\n${found.frame ? `\n${found.frame}\n\n` : ""}`;
  return stack ? `${stack.split("\n").slice(1, 6).join("\n")}\n` : "";
}

function formatStartError(root: string, error: ServerLoadError): string {
  const { name, message, stack } = error.failure;
  return `error: the server failed to start: ${name && name !== "Error" ? `${name}: ` : ""}${message}\n${appFrame(root, stack)}`;
}

export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const args = parseCommandArgs(
    argv,
    { dir: { type: "string" }, port: { type: "string" }, env: { type: "string" }, help: { type: "boolean", short: "h" } },
    DEV_USAGE,
  );
  if (args.flag("help")) {
    io.out(DEV_USAGE);
    return 0;
  }
  let port: number | undefined;
  const portArg = args.string("port");
  if (portArg !== undefined) {
    port = parsePort(portArg);
    if (port === undefined) throw new UsageError(badPortMessage("--port", portArg), DEV_USAGE);
  }
  const root = resolve(io.cwd, args.string("dir") ?? ".");
  const envFile = args.string("env") !== undefined ? resolve(io.cwd, args.string("env")!) : undefined;
  const rel = (p: string) => displayFrom(io.cwd, p);

  const report = (e: DevEvent) => {
    switch (e.type) {
      case "env":
        io.out(`env: ${e.files.map(rel).join(", ")} (${e.variables} variable${e.variables === 1 ? "" : "s"})\n`);
        break;
      case "port-taken":
        io.out(`Port ${e.wanted} is in use; using ${e.using} instead\n`);
        break;
      case "ready":
        io.out(`Mastra dev server listening on ${e.url} (ready in ${formatDuration(e.ms)})\n`);
        io.out(`Playground at ${e.url} (at ${e.url}${PLAYGROUND_PREFIX} when your app serves / itself)\n`);
        break;
      case "reloaded":
        io.out(`${time()} reloaded in ${e.ms} ms (build ${e.buildMs} ms, start ${e.startMs} ms)${e.changed.length ? `: ${e.changed.join(", ")}` : ""}\n`);
        break;
      case "unchanged":
        io.out(`${time()} ${e.changed.join(", ") || "change"}: bundle unchanged, server kept\n`);
        break;
      // One write each: the error and what happens now reach a reader of the pipe together.
      case "build-error":
        io.err(`${time()} build failed\n${formatToolError(e.error)}${meanwhile(e.serving)}`);
        break;
      case "start-error":
        io.err(`${time()} ${formatStartError(root, e.error)}${meanwhile(e.serving)}`);
        break;
      case "env-error":
        io.err(`${time()} error: ${e.message}\n`);
        break;
      case "crashed":
        io.err(`${time()} the server exited (${e.signal ?? `code ${e.code}`}); save a file to start it again\n`);
        break;
      case "warning":
        io.err(`warning: ${e.message}\n`);
        break;
    }
  };

  let dev;
  try {
    dev = await startDevServer({ root, port, envFile, shellEnv: io.env, stdio: "inherit", report });
  } catch (err) {
    if (isBuildError(err)) {
      io.err(formatToolError(err));
      return 1;
    }
    if (err instanceof EnvFileError) {
      io.err(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }

  // Ctrl-C and a supervisor's SIGTERM both end the session: watcher closed, port freed, servers drained.
  return new Promise<number>((resolveExit) => {
    const onSignal = () => {
      io.signals.off("SIGINT", onSignal);
      io.signals.off("SIGTERM", onSignal);
      void dev.stop().then(() => resolveExit(0));
    };
    io.signals.once("SIGINT", onSignal);
    io.signals.once("SIGTERM", onSignal);
  });
}

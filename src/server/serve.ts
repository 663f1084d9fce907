import { serve as listen, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Mastra } from "../core/mastra.js";
import { createServer } from "./create-server.js";
import { DEFAULT_DRAIN_TIMEOUT_MS } from "./drain-time.js";
import { badPortMessage, parsePort } from "./port.js";
import { fileURLToPath } from "node:url";
import { answerClientError, earlyAnswerServerOptions } from "./early-answer.js";
import { PLAYGROUND_OUTPUT_DIR, readPlaygroundAssets, withPlayground } from "./playground.js";

export { DEFAULT_STORAGE_URL, defaultStorageFile, STORAGE_URL_ENV, StorageFileError, type StorageFile } from "./storage-file.js";

export interface ServeOptions {
  /** Overrides PORT and server.port (tests, `mastra dev`). */
  port?: number;
  /** Overrides server.host and HOST. */
  host?: string;
  /** How long in-flight requests may finish after SIGTERM before their sockets are cut. Default 10 s. */
  drainTimeoutMs?: number;
  /** Install SIGTERM/SIGINT handlers that drain and exit the process. Default true. */
  handleSignals?: boolean;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: ServerType;
  /** Stop accepting, let in-flight requests finish (bounded by drainTimeoutMs), then resolve. */
  close(): Promise<void>;
}

export { DEFAULT_DRAIN_TIMEOUT_MS };

/**
 * The server could not listen for a reason the operator fixes (a taken port, a PORT that is not
 * a port): the Node entry prints its message as one line instead of a stack trace.
 */
export class ListenError extends Error {
  override name = "ListenError";
}

/** Port: PORT env, then server.port, then 4111. Host: server.host, then HOST env, then 0.0.0.0. */
export function resolveListenAddress(mastra: Mastra, options: Pick<ServeOptions, "port" | "host"> = {}, env = process.env): { port: number; host: string } {
  let port = options.port;
  if (port === undefined && env.PORT !== undefined && env.PORT !== "") {
    port = parsePort(env.PORT);
    if (port === undefined) throw new ListenError(badPortMessage("PORT", env.PORT));
  }
  const config = mastra.getServer();
  return { port: port ?? config.port, host: options.host ?? config.host ?? env.HOST ?? "0.0.0.0" };
}

/** Serve the Mastra app on Node with @hono/node-server; resolves once it is listening. */
export function serve(mastra: Mastra, options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { port, host } = resolveListenAddress(mastra, options);
  const app = createServer(mastra);
  // Only a build made with `mastra build --playground` has the page's folder next to its bundle.
  const playground = readPlaygroundAssets(fileURLToPath(new URL(`./${PLAYGROUND_OUTPUT_DIR}/`, import.meta.url)));
  const fetch = playground.size ? withPlayground(app.fetch, playground) : app.fetch;
  const drainMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;

  return new Promise((resolve, reject) => {
    const server = listen({ fetch, port, hostname: host, serverOptions: earlyAnswerServerOptions }, (info: AddressInfo) => {
      const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
      const url = `http://${shown}:${info.port}`;
      let closing: Promise<void> | undefined;
      const close = () => (closing ??= drain(server as Server, drainMs));
      if (options.handleSignals !== false) {
        const onSignal = (signal: NodeJS.Signals) => {
          log(`${signal} received: finishing in-flight requests (up to ${drainMs} ms)`);
          close().then(() => process.exit(0));
        };
        process.once("SIGTERM", onSignal);
        process.once("SIGINT", onSignal);
      }
      // Only once the handlers are in: whoever waits for this line may send SIGTERM at once, and
      // before them a SIGTERM would kill the process mid-request instead of draining it.
      log(`Mastra server listening on ${url}`);
      if (playground.size) log(`Playground at ${url}/ (built with --playground: keep this server behind auth)`);
      resolve({ url, port: info.port, host: info.address, server, close });
    });
    server.on("clientError", answerClientError);
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new ListenError(`Port ${port} is already in use: stop what runs there, or set PORT or server.port to a free port`) : error);
    });
  });
}

/**
 * Graceful stop: no new connections, idle keep-alive sockets closed as they go idle, and after
 * the deadline whatever is still open is cut so a stuck request cannot hold shutdown forever.
 */
function drain(server: Server, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    sweep.unref();
    deadline.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

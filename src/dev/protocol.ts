/**
 * Messages between the dev process and a server process (over the IPC channel).
 * Types only: the bundled dev entry imports this, and must not pull any code in.
 */
import type { ServerSettings } from "../core/server-settings.js";

/** dev → server: import this bundle (it starts the server). */
export interface LoadBundle {
  type: "load";
  file: string;
}

/** server → dev: the bundle loaded and the server listens. */
export interface ServerReady {
  type: "listening";
  /** The ephemeral port on 127.0.0.1 the proxy forwards to. */
  port: number;
  /** The app's server settings, the object `mastra build` records in build.json: `port` (server.port or 4111) is the default public port. */
  settings: ServerSettings;
}

/** server → dev: the bundle threw while loading (bad config, top-level error, missing package). */
export interface LoadFailed {
  type: "failed";
  name: string;
  message: string;
  /** Stack with source maps applied (the server process runs with --enable-source-maps). */
  stack: string;
}

export type ServerMessage = ServerReady | LoadFailed;

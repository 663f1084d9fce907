/**
 * Messages between the dev process and a server process (over the IPC channel).
 * Types only: the bundled dev entry imports this, and must not pull any code in.
 */

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
  /** What the app's config resolves to (server.port or 4111): the default public port. */
  serverPort: number;
  serverHost?: string;
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

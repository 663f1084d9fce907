import type { ResolvedServerConfig } from "./config.js";

/**
 * The part of an app's `server` config that tools outside the running app need: the port and
 * host a container or `mastra dev` listens on, the timeout a platform must allow, the body limit.
 * `mastra build` records it in build.json (deploy reads it only from there); `mastra dev`'s
 * server process reports the same object when it listens.
 */
export type ServerSettings = Pick<ResolvedServerConfig, "port" | "host" | "timeout" | "bodySizeLimit">;

export function serverSettings(config: ResolvedServerConfig): ServerSettings {
  const { port, host, timeout, bodySizeLimit } = config;
  return host === undefined ? { port, timeout, bodySizeLimit } : { port, host, timeout, bodySizeLimit };
}

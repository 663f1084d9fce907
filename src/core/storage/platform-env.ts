/**
 * How per-request platform bindings (Cloudflare's `env`: D1 databases, KV, secrets) reach code
 * that was created before any request. On Workers the app module, and so `new Mastra(...)` and
 * its stores, is evaluated once per isolate before the first `fetch(request, env)`; a store given
 * a binding NAME looks the binding up here when it first runs a query.
 *
 * The worker entry calls `providePlatformEnv(env)` on each request (the first one wins: an
 * isolate's bindings do not change). The slot is a registry-wide symbol so a store bundled from
 * another copy of this package still sees it.
 */
export type PlatformEnv = Record<string, unknown>;

const SLOT = Symbol.for("mastra-deploy.platform-env");
type Slot = { [SLOT]?: PlatformEnv };

export function providePlatformEnv(env: unknown): void {
  const slot = globalThis as Slot;
  if (slot[SLOT] === undefined && typeof env === "object" && env !== null) slot[SLOT] = env as PlatformEnv;
}

/** The env of the first request this isolate served, or undefined before any request. */
export function platformEnv(): PlatformEnv | undefined {
  return (globalThis as Slot)[SLOT];
}

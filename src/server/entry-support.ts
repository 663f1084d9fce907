import { Mastra } from "../core/mastra.js";
import { processEnv } from "../core/runtime-env.js";

const BUILD_CHECK = Symbol.for("mastra-deploy.build-check");

/**
 * What every runtime entry does with the app's `mastra` export first: refuse anything that is
 * not a Mastra instance with a message naming what it is (the build's app check matches on
 * "not a Mastra instance"), and, while `mastra build` loads the bundle to check it, leave the
 * server settings where the check can read them, so deploy targets need not load the app again.
 */
export function checkMastraExport(value: unknown): Mastra {
  if (!Mastra.isMastra(value)) {
    const kind = value === null || typeof value !== "object" ? String(value) : `an object (${value.constructor?.name ?? "Object"})`;
    throw new TypeError(`"mastra" is ${kind}, not a Mastra instance`);
  }
  if (processEnv("MASTRA_BUILD_CHECK") === "1") {
    const { port, timeout, bodySizeLimit } = value.getServer();
    (globalThis as Record<symbol, unknown>)[BUILD_CHECK] = { port, timeout, bodySizeLimit };
  }
  return value;
}

import { Mastra } from "../core/mastra.js";

/**
 * What every runtime entry does with the app's `mastra` export first: refuse anything that is
 * not a Mastra instance with a message naming what it is (the build's app check matches on
 * "not a Mastra instance").
 */
export function checkMastraExport(value: unknown): Mastra {
  if (!Mastra.isMastra(value)) {
    const kind = value === null || typeof value !== "object" ? String(value) : `an object (${value.constructor?.name ?? "Object"})`;
    throw new TypeError(`"mastra" is ${kind}, not a Mastra instance`);
  }
  return value;
}

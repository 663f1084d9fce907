/**
 * The official Rollup plugins, typed for NodeNext.
 *
 * Their packages ship one `types/index.d.ts` for both the ESM and CJS builds, so under
 * NodeNext TypeScript reads it as CommonJS and types the default import as the module
 * namespace; at run time Node's ESM loader gives us the real default export. This file
 * is the single place that papers over that mismatch.
 */
import commonjsModule from "@rollup/plugin-commonjs";
import jsonModule from "@rollup/plugin-json";
import { nodeResolve } from "@rollup/plugin-node-resolve";

export function interopDefault<T>(mod: T | { default: T }): T {
  return typeof mod === "function" ? (mod as T) : (mod as { default: T }).default;
}

export const commonjs = interopDefault(commonjsModule as unknown as typeof commonjsModule.default);
export const json = interopDefault(jsonModule as unknown as typeof jsonModule.default);
export { nodeResolve };

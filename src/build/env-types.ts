/**
 * Types for the `@mastra/*` imports an app writes, in an app that installed only mastra-deploy.
 *
 * The build resolves those imports through MASTRA_CORE_ALIASES; TypeScript (tsc, editors) needs
 * the same mapping. `envDeclarations()` turns each row of that one table into an ambient module
 * that re-exports the runtime subpath's own types, so a row added there gets its types with no
 * second list. The package build writes the result to dist/env.d.ts (exported as
 * `mastra-deploy/env`); an app opts in with one line, as Vite apps do with vite-env.d.ts:
 *
 *   // src/mastra-env.d.ts
 *   /// <reference types="mastra-deploy/env" />
 */
import { MASTRA_CORE_ALIASES, RUNTIME_PACKAGE } from "./runtime.js";

/** `.` → `mastra-deploy`, `./server` → `mastra-deploy/server`. */
export function runtimeSpecifier(subpath: string): string {
  return subpath === "." ? RUNTIME_PACKAGE : `${RUNTIME_PACKAGE}/${subpath.replace(/^\.\//, "")}`;
}

/**
 * The ambient declarations for every alias. `exported` lists the package's export subpaths: an
 * alias to a subpath the package does not export is a mistake in the table, caught here at
 * package build time rather than as a silent `any` in a user's editor.
 */
export function envDeclarations(exported: string[], aliases: Record<string, string> = MASTRA_CORE_ALIASES): string {
  const missing = Object.entries(aliases).filter(([, subpath]) => !exported.includes(subpath));
  if (missing.length > 0) {
    throw new Error(`MASTRA_CORE_ALIASES maps ${missing.map(([a, s]) => `${a} → ${s}`).join(", ")}, which package.json does not export`);
  }
  const modules = Object.entries(aliases).map(([alias, subpath]) => `declare module "${alias}" {\n  export * from "${runtimeSpecifier(subpath)}";\n}`);
  return [
    "// Generated from MASTRA_CORE_ALIASES (src/build/runtime.ts) by the package build. Do not edit.",
    "// The @mastra/* imports of a Mastra app, typed as the mastra-deploy runtime they are built against.",
    "// Opt in from the app with one line in a .d.ts its tsconfig includes (e.g. src/mastra-env.d.ts):",
    '//   /// <reference types="mastra-deploy/env" />',
    "",
    ...modules,
    "",
  ].join("\n");
}

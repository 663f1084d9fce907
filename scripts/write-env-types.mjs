// Package build step: the declaration files apps and third-party targets reference.
//   dist/env.d.ts                (mastra-deploy/env)                the @mastra/* imports, from the alias table
//   dist/virtual-mastra-app.d.ts (mastra-deploy/virtual-mastra-app) `virtual:mastra-app` for a custom target's entry
import { readFileSync, writeFileSync } from "node:fs";
import { envDeclarations } from "../dist/src/build/env-types.js";

const root = new URL("..", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
writeFileSync(new URL("dist/env.d.ts", root), envDeclarations(Object.keys(pkg.exports)));
writeFileSync(
  new URL("dist/virtual-mastra-app.d.ts", root),
  [
    "// `virtual:mastra-app`: what a target's runtime entry imports to get the user's app (`mastra build` resolves it).",
    '// Reference it from your entry: /// <reference types="mastra-deploy/virtual-mastra-app" />',
    'declare module "virtual:mastra-app" {',
    '  export const mastra: import("mastra-deploy").Mastra;',
    "}",
    "",
  ].join("\n"),
);

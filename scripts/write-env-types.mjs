// Package build step: dist/env.d.ts (the `mastra-deploy/env` export) from the alias table.
import { readFileSync, writeFileSync } from "node:fs";
import { envDeclarations } from "../dist/src/build/env-types.js";

const root = new URL("..", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
writeFileSync(new URL("dist/env.d.ts", root), envDeclarations(Object.keys(pkg.exports)));

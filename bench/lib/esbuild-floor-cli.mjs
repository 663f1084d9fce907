#!/usr/bin/env node
// A process per esbuild floor build, so its time includes Node's start like `mastra build` does.
// Usage: node esbuild-floor-cli.mjs <appDir> <outFile> [node|worker] [--minify]
import { esbuildFloor } from "./esbuild-floor.mjs";

const [appDir, outFile, platform = "node"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
await esbuildFloor({ appDir, outFile, platform, minify: process.argv.includes("--minify") });

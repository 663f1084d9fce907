// examples/weather-template, the app Mastra's project template generates, builds unchanged: its
// imports (@mastra/core/mastra, @mastra/memory, @mastra/libsql, @mastra/loggers, …) resolve, its
// types check, and build.json records its store. It is served on every target by test/e2e.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import cloudflare from "../../targets/cloudflare/index.js";
import { cleanupTemp, emptyDir, REPO } from "./helpers.js";

afterAll(cleanupTemp);

const root = join(REPO, "examples", "weather-template");

describe("examples/weather-template", () => {
  it("builds for Workers with --typecheck, with no warnings, recording its unshared libSQL store", async () => {
    // Into a temp folder, so parallel test files never race on the example's own .mastra.
    const outDir = join(emptyDir(), ".mastra", "output-worker");
    const result = await build({ root, platform: "worker", entry: cloudflare.entry, outDir, typecheck: true });
    expect(result.warnings).toEqual([]);
    // The app's store, and the agent's Memory on its own store (file:../mastra.db), both local.
    expect(result.manifest.storage).toEqual({ name: "libsql", shared: false, configured: true, memory: [{ agent: "weatherAgent", name: "libsql", shared: false }] });
    // pino stays out of a worker bundle: @mastra/loggers' worker file is the one picked.
    expect(readFileSync(join(outDir, "index.mjs"), "utf8")).not.toMatch(/sonic-boom/);
  }, 240_000);
});

// vercel: the Build Output API folder's function, served as Vercel serves it, against the shared suite.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runVercel } from "./runners.js";
import { deployFixture, describeConformance, describeSecretScan } from "./target-suite.js";
import { startRequest } from "./background.js";

const deployed = deployFixture("vercel");

describeSecretScan("vercel", deployed);

describeConformance("vercel", deployed, (r) => runVercel(join(r.outDir, ".vercel", "output")));

describe("vercel: background work is handed to the platform's waitUntil", () => {
  it("through the request-context symbol @vercel/functions reads", async () => {
    const handed: Promise<unknown>[] = [];
    const key = Symbol.for("@vercel/request-context");
    (globalThis as Record<symbol, unknown>)[key] = { get: () => ({ waitUntil: (p: Promise<unknown>) => handed.push(p) }) };
    try {
      const funcDir = join(deployed.result().outDir, ".vercel/output/functions/mastra.func");
      const mod = (await import(join(funcDir, "handler.mjs"))) as { POST: (r: Request) => Promise<Response>; GET: (r: Request) => Promise<Response> };
      expect((await mod.POST(startRequest("vercel-bg"))).status).toBe(200);
      expect(handed).toHaveLength(1);
      await handed[0];
      const run = await mod.GET(new Request("https://app.example/api/workflows/mathWorkflow/runs/vercel-bg", { headers: { Authorization: "Bearer t" } }));
      expect(await run.json()).toMatchObject({ status: "success", result: { result: { text: "result 8" } } });
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
    }
  });
});

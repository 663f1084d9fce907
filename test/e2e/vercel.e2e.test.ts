// vercel: the Build Output API folder. Its function is served by @vercel/node's dev server (Vercel's
// local Node runtime) against the shared suite; config.json's routing, which that server does not
// run (it serves one function), is checked on the file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTION_NAME } from "../../targets/vercel/index.js";
import { startRequest } from "./background.js";
import { runVercel } from "./runners.js";
import { deployApp, describeConformance, describeSecretScan, type Deployed } from "./target-suite.js";
import { TEMPLATE_APP } from "./template-checks.js";

const deployed = deployApp("vercel");
const outputDir = (d: Deployed = deployed) => join(d.result().outDir, ".vercel", "output");
const funcDir = (d: Deployed = deployed) => join(outputDir(d), "functions", `${FUNCTION_NAME}.func`);
const template = deployApp("vercel", TEMPLATE_APP);

describeSecretScan("vercel", deployed);

describe("vercel: config.json routes every path to the one function, URL unchanged", () => {
  it("is Build Output API v3 and each path's first matching route is the function, with no rewrite of the path", () => {
    const config = JSON.parse(readFileSync(join(outputDir(), "config.json"), "utf8")) as { version: number; routes: { src: string; dest?: string; handle?: string }[] };
    expect(config.version).toBe(3);
    for (const path of ["/", "/health", "/api/agents/my-agent/stream", "/api/workflows/x/runs/a%20b", "/deep/a/b/c.txt"]) {
      const route = config.routes.find((r) => r.src !== undefined && new RegExp(`^${r.src}$`).test(path));
      expect(route?.dest, path).toBe(`/${FUNCTION_NAME}`);
    }
    // A dest without captures or a query is a plain rewrite: the function sees the request's own URL.
    for (const r of config.routes) expect(r.dest ?? "").not.toMatch(/\$|\?/);
    expect(readFileSync(join(funcDir(), ".vc-config.json"), "utf8")).toContain('"launcherType": "Nodejs"');
  });
});

describeConformance("vercel", deployed, () => runVercel(funcDir()));

describeConformance("vercel", template, () => runVercel(funcDir(template)));

describe("vercel: a client that goes away stops the work", () => {
  it("cancelling the function's streamed response aborts the model, as Vercel's runtime does on a disconnect", async () => {
    // The dev server does not cancel a response whose client left (see runners.ts), so the
    // function's side of it is shown here on the module itself.
    const vc = JSON.parse(readFileSync(join(funcDir(), ".vc-config.json"), "utf8")) as { handler: string };
    const mod = (await import(join(funcDir(), vc.handler))) as Record<string, (r: Request) => Promise<Response>>;
    const state = async () => (await (await mod.GET!(new Request("https://app.example/stream-state"))).json()) as { started: number; aborted: number };
    const before = await state();
    const res = await mod.POST!(
      new Request("https://app.example/api/agents/my-agent/stream", {
        method: "POST",
        headers: { Authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify({ messages: [{ role: "user", content: "stream forever" }] }),
      }),
    );
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes(" tick")) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    let after = before;
    for (let i = 0; i < 100 && after.aborted === before.aborted; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await state();
    }
    expect(after).toEqual({ started: before.started + 1, aborted: before.aborted + 1 });
  });
});

describe("vercel: background work is handed to the platform's waitUntil", () => {
  it("@vercel/node's runtime keeps a started run alive past the response and awaits it before exiting", async () => {
    // POST /start answers at once; the run lingers 1.5 s. The dev server's shutdown waits only for
    // what was handed to its `@vercel/request-context` waitUntil: without the hand-off it exits
    // at once and the run never ends. Not provided locally: the freeze of an idle instance that
    // makes the hand-off necessary in the cloud (here the process simply keeps running).
    const server = await runVercel(funcDir());
    try {
      const started = await server.send("/api/workflows/backgroundWorkflow/start?runId=vercel-bg", {
        method: "POST",
        headers: { Authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify({ inputData: { tag: "vercel-bg", ms: 1500 } }),
      });
      expect(started.status).toBe(200);
      expect(server.output()).not.toContain("background run finished: vercel-bg");
    } finally {
      await server.stop();
    }
    expect(server.output()).toContain("background run finished: vercel-bg");
  }, 60_000);

  it("through the request-context symbol @vercel/functions reads", async () => {
    const handed: Promise<unknown>[] = [];
    const key = Symbol.for("@vercel/request-context");
    (globalThis as Record<symbol, unknown>)[key] = { get: () => ({ waitUntil: (p: Promise<unknown>) => handed.push(p) }) };
    try {
      const vc = JSON.parse(readFileSync(join(funcDir(), ".vc-config.json"), "utf8")) as { handler: string };
      const mod = (await import(join(funcDir(), vc.handler))) as { POST: (r: Request) => Promise<Response>; GET: (r: Request) => Promise<Response> };
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

// netlify: netlify.toml + the Functions v2 function, served by @netlify/dev, against the shared suite.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUNCTION_DIR } from "../../targets/netlify/index.js";
import { startRequest } from "./background.js";
import { runNetlify } from "./runners.js";
import { deployApp, describeConformance, describeSecretScan } from "./target-suite.js";
import { TEMPLATE_APP } from "./template-checks.js";

const deployed = deployApp("netlify");

describeSecretScan("netlify", deployed);

describeConformance("netlify", deployed, (r) => runNetlify(r.outDir));

describeConformance("netlify", deployApp("netlify", TEMPLATE_APP), (r) => runNetlify(r.outDir));

describe("netlify: background work is handed to the platform's waitUntil", () => {
  it("through the function's context.waitUntil", async () => {
    const handed: Promise<unknown>[] = [];
    const mod = (await import(join(deployed.result().outDir, FUNCTION_DIR, "index.mjs"))) as { default: (r: Request, c: unknown) => Promise<Response> };
    expect((await mod.default(startRequest("netlify-bg"), { waitUntil: (p: Promise<unknown>) => handed.push(p) })).status).toBe(200);
    expect(handed).toHaveLength(1);
    await handed[0];
  });
});

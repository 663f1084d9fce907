// The harness every test/e2e/<target>.e2e.test.ts uses (Nitro's test/presets shape): deploy an
// app (the conformance app, the weather template) for one target, run that app's checks against
// its packaged output in that target's runtime, and scan the output for a secret planted in the
// app's .env.
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultBuildDriver, deploy, type DeployResult } from "../../src/deploy/index.js";
import { secretHits } from "../helpers/output-scan.js";
import { FIXTURE_APP, type ConformanceApp } from "./conformance.js";
import type { Running } from "./runners.js";

const REPO = resolve(import.meta.dirname, "../..");

// Planted in the app's .env before anything is built; no artifact byte may contain it.
export const PLANTED_SECRET = "sk-conformance-PLANTED-5f1c7e2a9b";

export interface Deployed {
  app: ConformanceApp;
  /** The deploy result, once the suite's beforeAll has run. */
  result(): DeployResult;
  /** A scratch folder for this file, removed after it. */
  work(): string;
}

/**
 * Deploy `app` for `target` (dry run) once for the file, with the real build driver (the build
 * goes to the copy's own .mastra, where deploy reads it back). Each file deploys its own copy of
 * the app, with the secret planted in that copy's .env, so files running in parallel never see
 * each other's .env.
 */
export function deployApp(target: string, app: ConformanceApp = FIXTURE_APP, options: Record<string, unknown> = {}): Deployed {
  let work: string | undefined;
  let result: DeployResult | undefined;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), `mastra-e2e-${target}-`));
    const root = join(work, "app");
    await cp(app.dir, root, { recursive: true, filter: (src) => !src.includes(".mastra") && !src.includes(".env") });
    // zod & co. resolve from the repo's node_modules, as they do for the fixture in place.
    await symlink(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
    await writeFile(join(root, ".env"), `CONFORMANCE_API_KEY=${PLANTED_SECRET}\n`);
    result = await deploy({ root, target, dryRun: true, outDir: join(work, "deploy", target), driver: defaultBuildDriver(), env: {}, options });
  }, 240_000);
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
  return {
    app,
    result: () => result ?? expectDeployed(target),
    work: () => work ?? expectDeployed(target),
  };
}

function expectDeployed(target: string): never {
  throw new Error(`${target} was not deployed (see the beforeAll error above)`);
}

/** The .env value is in no byte of the target's output (zip contents included). */
export function describeSecretScan(target: string, deployed: Deployed) {
  describe(`${target}: secrets never enter an artifact`, () => {
    it("the planted .env value is in no byte of the output (zip contents included)", async () => {
      const r = deployed.result();
      const { files, hits } = await secretHits(r.outDir, { CONFORMANCE_API_KEY: PLANTED_SECRET });
      expect(hits, target).toEqual([]);
      // Every artifact the deploy reported was scanned, and there was something to scan.
      expect(files.length).toBeGreaterThan(0);
      expect(r.artifacts.length).toBeGreaterThan(0);
      for (const a of r.artifacts) expect(files, a.path).toContain(a.path);
    });
  });
}

/** The app's conformance checks against the packaged output, started by the target's runner. */
export function describeConformance(target: string, deployed: Deployed, start: (r: DeployResult) => Promise<Running>) {
  const label = deployed.app === FIXTURE_APP ? "packaged output" : `${deployed.app.name}'s packaged output`;
  describe(`${target}: ${label} in its runtime`, () => {
    let running: Running | undefined;
    beforeAll(async () => {
      running = await start(deployed.result());
    }, 120_000);
    afterAll(async () => {
      await running?.stop();
    });
    it("says which runtime served", () => {
      expect(running?.runtime).toBeTruthy();
      console.log(`[${target}] served by: ${running!.runtime}`);
    });
    const deployCheck = deployed.app.checkDeploy;
    if (deployCheck) it(deployCheck.name, () => deployCheck.run(deployed.result()));
    for (const check of deployed.app.checks) it(check.name, () => check.run(running!.send, running!.caps ?? { sharedState: true, disconnectReachesApp: true }), 30_000);
  });
}

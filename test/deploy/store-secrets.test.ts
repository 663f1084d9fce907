// A store's credentials never ship: the stores app reads DATABASE_URL and LIBSQL_AUTH_TOKEN from
// the environment, its .env holds real-looking values, and every target's output (`--target all`,
// the builds included, zip contents included) holds zero bytes of them. An app that writes the
// same values into its source is refused before upload, loudly, naming each variable.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultBuildDriver, deployEach, type TargetOutcome } from "../../src/deploy/index.js";
import { cleanupTemp, cli, copyFixture } from "../build/helpers.js";
import { secretHits } from "../helpers/output-scan.js";

const SECRETS = {
  DATABASE_URL: "postgres://user:pass@host/db",
  // A libSQL (Turso) token is a JWT; planted under both names apps use for it.
  LIBSQL_AUTH_TOKEN: "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJhIjoicnciLCJpYXQiOjE3NjQ2MzA0MDAsImlkIjoicGxhbnRlZC1saWJzcWwifQ.cGxhbnRlZC1zaWduYXR1cmUtbGlic3Fs",
  TURSO_AUTH_TOKEN: "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJhIjoicnciLCJpYXQiOjE3NjQ2MzA0MDAsImlkIjoicGxhbnRlZC10dXJzbyJ9.cGxhbnRlZC1zaWduYXR1cmUtdHVyc28",
};

const DEV_VARS_SECRET = "wrk_planted_dev_vars_0123456789";

function appWithEnv(): string {
  // @libsql/client is the node build's external, copied into its output as a deployed app installs it.
  const root = copyFixture("stores-app", { link: ["@libsql/client", "libsql"] });
  writeFileSync(join(root, ".env"), Object.entries(SECRETS).map(([k, v]) => `${k}=${v}`).join("\n") + "\n");
  // wrangler's local secrets file, which the deploy scan reads too.
  writeFileSync(join(root, ".dev.vars"), `WORKER_SECRET=${DEV_VARS_SECRET}\n`);
  return root;
}

let outcomes: TargetOutcome[];
beforeAll(async () => {
  outcomes = await deployEach(["all"], { root: appWithEnv(), dryRun: true, driver: defaultBuildDriver(), env: {} });
}, 300_000);
afterAll(() => cleanupTemp());

describe("store credentials from .env (and a .dev.vars secret)", () => {
  it("are in zero bytes of every target's output and build (zip contents included)", async () => {
    expect(outcomes.map((o) => o.target).sort()).toEqual(["cloudflare", "docker", "netlify", "node", "vercel"]);
    for (const o of outcomes) {
      expect(o.ok, `${o.target}: ${JSON.stringify(o.ok ? "" : o.error)}`).toBe(true);
      if (!o.ok) continue;
      for (const dir of [o.outDir, o.buildDir]) {
        const { files, hits } = await secretHits(dir, { ...SECRETS, WORKER_SECRET: DEV_VARS_SECRET });
        expect(files.length, `${o.target} ${dir}`).toBeGreaterThan(0);
        expect(hits, `${o.target} ${dir}`).toEqual([]);
      }
    }
  });

  it("written into the app's source, they stop the deploy before upload with one line naming each variable", async () => {
    const root = appWithEnv();
    const file = join(root, "src", "mastra", "index.ts");
    const source = readFileSync(file, "utf8")
      .replace("connectionString: env.DATABASE_URL!", `connectionString: ${JSON.stringify(SECRETS.DATABASE_URL)}`)
      .replace("authToken: env.LIBSQL_AUTH_TOKEN", `authToken: ${JSON.stringify(SECRETS.LIBSQL_AUTH_TOKEN)}`);
    expect(source).toContain(SECRETS.DATABASE_URL);
    writeFileSync(file, source);

    const run = await cli(["deploy", "--dir", root, "--target", "cloudflare", "--dry-run"], root, { env: {} });
    expect(run.code, run.err).not.toBe(0);
    const refusals = run.err.split("\n").filter((line) => line.includes("Refusing to deploy"));
    expect(refusals, run.err).toHaveLength(1);
    for (const line of refusals) expect(line).toMatch(/the value of (DATABASE_URL|LIBSQL_AUTH_TOKEN) from \.env is in .*index\.mjs.*read it from process\.env at run time instead/);
    expect(run.err).toMatch(/DATABASE_URL/);
    expect(run.err).toMatch(/LIBSQL_AUTH_TOKEN/);
    // The scan the first test trusts sees this leak too.
    expect((await secretHits(join(root, ".mastra", "output-worker"), SECRETS)).hits).toEqual(expect.arrayContaining(["index.mjs: DATABASE_URL", "index.mjs: LIBSQL_AUTH_TOKEN"]));
    // The refusal names variables, never their values.
    for (const value of Object.values(SECRETS)) {
      expect(run.err).not.toContain(value);
      expect(run.out).not.toContain(value);
    }
  }, 300_000);
});

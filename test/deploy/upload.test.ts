// Upload through a stand-in provider CLI on PATH that records argv, cwd and env: the exact
// command, secrets by env and never argv, and the one-line errors for a missing CLI or token.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy, DeployError } from "../../src/deploy/index.js";
import { run } from "../../src/cli/commands/deploy.js";
import { fakeApp, standInCli, type FakeApp } from "./helpers.js";

let app: FakeApp;
let tmp: string;
const TOKEN = "tok_SuperSecretValue_123456";

beforeAll(async () => {
  app = await fakeApp();
  tmp = await mkdtemp(join(tmpdir(), "mastra-upload-"));
});
afterAll(async () => {
  await app.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

interface Call {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}
function calls(bin: string, name: string): Call[] {
  const f = join(bin, `${name}.calls.jsonl`);
  return existsSync(f) ? readFileSync(f, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Call) : [];
}

async function upload(target: string, bin: string, env: Record<string, string>, options: Record<string, unknown> = {}) {
  return deploy({ root: app.root, target, outDir: join(tmp, `${target}-${Math.abs(bin.length)}`), driver: app.driver, options, env: { PATH: bin, ...env } });
}

const CASES = [
  { target: "cloudflare", cli: "wrangler", env: { CLOUDFLARE_API_TOKEN: TOKEN }, argv: ["deploy", "--config", "wrangler.toml"], stdout: "Deployed weather-app https://weather-app.acme.workers.dev\n", url: "https://weather-app.acme.workers.dev" },
  { target: "vercel", cli: "vercel", env: { VERCEL_TOKEN: TOKEN, VERCEL_ORG_ID: "team_1", VERCEL_PROJECT_ID: "prj_1" }, argv: ["deploy", "--prebuilt", "--yes"], stdout: "https://weather-app-abc.vercel.app\n", url: "https://weather-app-abc.vercel.app" },
  { target: "netlify", cli: "netlify", env: { NETLIFY_AUTH_TOKEN: TOKEN, NETLIFY_SITE_ID: "site-1" }, argv: ["deploy", "--prod", "--no-build", "--dir", "public", "--functions", "netlify/functions", "--json"], stdout: '{"url":"https://weather.netlify.app"}', url: "https://weather.netlify.app" },
] as const;

describe("upload runs the provider's own CLI", () => {
  for (const c of CASES) {
    it(`${c.target}: \`${c.cli} ${c.argv.join(" ")}\` in the deploy folder, token only in env`, async () => {
      const bin = join(tmp, `bin-${c.target}`);
      await standInCli(bin, c.cli, c.stdout);
      const r = await upload(c.target, bin, c.env);
      const [call, ...more] = calls(bin, c.cli);
      expect(more).toEqual([]);
      expect(call.argv).toEqual(c.argv);
      expect(call.cwd).toBe(r.outDir);
      for (const [k, v] of Object.entries(c.env)) expect(call.env[k]).toBe(v);
      expect(call.argv.join(" ")).not.toContain(TOKEN);
      expect(call.env.CI).toBe("1");
      expect(r.upload?.url).toBe(c.url);
      expect(r.upload?.command?.slice(1)).toEqual(c.argv);
    });
  }

  it("vercel --prod adds --prod", async () => {
    const bin = join(tmp, "bin-vercel-prod");
    await standInCli(bin, "vercel", "https://x.vercel.app\n");
    await upload("vercel", bin, CASES[1].env, { prod: true });
    expect(calls(bin, "vercel")[0].argv).toEqual(["deploy", "--prebuilt", "--yes", "--prod"]);
  });

  it("docker: build with the default tag, no push", async () => {
    const bin = join(tmp, "bin-docker");
    await standInCli(bin, "docker");
    const r = await upload("docker", bin, {});
    expect(calls(bin, "docker").map((c) => c.argv)).toEqual([["build", "--tag", "weather-app:latest", "."]]);
    expect(calls(bin, "docker")[0].cwd).toBe(r.outDir);
  });

  it("docker --image: build then push that image", async () => {
    const bin = join(tmp, "bin-docker-push");
    await standInCli(bin, "docker");
    await upload("docker", bin, {}, { image: "registry.example.com/acme/weather:1.2.3" });
    expect(calls(bin, "docker").map((c) => c.argv)).toEqual([
      ["build", "--tag", "registry.example.com/acme/weather:1.2.3", "."],
      ["push", "registry.example.com/acme/weather:1.2.3"],
    ]);
  });

  it("node: prints the copy-and-run steps, runs nothing", async () => {
    const r = await upload("node", join(tmp, "empty-bin"), {});
    expect(r.upload?.command).toBeNull();
    expect(r.upload?.message).toContain("scp");
    expect(r.upload?.message).toContain("systemctl enable --now weather-app");
  });

  it("a CLI in the app's node_modules/.bin wins over PATH", async () => {
    const local = join(app.root, "node_modules", ".bin");
    await standInCli(local, "wrangler", "");
    const pathBin = join(tmp, "bin-path-wrangler");
    await standInCli(pathBin, "wrangler", "");
    await upload("cloudflare", pathBin, { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(calls(local, "wrangler")).toHaveLength(1);
    expect(calls(pathBin, "wrangler")).toHaveLength(0);
    await rm(join(app.root, "node_modules"), { recursive: true, force: true });
  });
});

describe("missing CLI, missing token, failing CLI: one line, exit 1", () => {
  /** A driver that counts builds: a missing CLI or token must be found before any. */
  const io = (env: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const builds: string[] = [];
    const driver = { ...app.driver, build: async (r: Parameters<typeof app.driver.build>[0]) => (builds.push(r.platform), app.driver.build(r)) };
    return { out, err, builds, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: app.root, env, driver } };
  };

  it("missing CLI names what to install, before anything is built", async () => {
    const { err, builds, io: i } = io({ PATH: join(tmp, "nothing-here"), CLOUDFLARE_API_TOKEN: TOKEN });
    const code = await run(["--target", "cloudflare", "--out", join(tmp, "kept-1")], i);
    expect(code).toBe(1);
    expect(err.join("").trim().split("\n")).toEqual(["error: wrangler CLI not found in node_modules/.bin or PATH: install it with `npm install -D wrangler`, then run the command again"]);
    expect(builds).toEqual([]);
    expect(existsSync(join(tmp, "kept-1"))).toBe(false);
  });

  it("missing token names the variable, before anything is built", async () => {
    const bin = join(tmp, "bin-notoken");
    await standInCli(bin, "netlify");
    const { err, builds, io: i } = io({ PATH: bin, NETLIFY_SITE_ID: "s" });
    const code = await run(["--target", "netlify", "--out", join(tmp, "kept-2")], i);
    expect(code).toBe(1);
    const lines = err.join("").trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: NETLIFY_AUTH_TOKEN is not set: /);
    expect(calls(bin, "netlify")).toEqual([]);
    expect(builds).toEqual([]);
  });

  it("a failing CLI: exit 1, its last lines shown, artifacts kept", async () => {
    const bin = join(tmp, "bin-fail");
    await standInCli(bin, "vercel");
    await expect(
      deploy({ root: app.root, target: "vercel", outDir: join(tmp, "kept-3"), driver: app.driver, env: { PATH: bin, ...CASES[1].env, STANDIN_EXIT: "3" } }),
    ).rejects.toSatisfy((e: unknown) => e instanceof DeployError && /vercel deploy failed with exit code 3/.test(e.message) && e.detail.includes("stand-in failure: bad credentials"));
    expect(existsSync(join(tmp, "kept-3", ".vercel/output/config.json"))).toBe(true);
  });

  it("--dry-run never calls the CLI", async () => {
    const bin = join(tmp, "bin-dry");
    await standInCli(bin, "wrangler");
    const { out, io: i } = io({ PATH: bin, CLOUDFLARE_API_TOKEN: TOKEN });
    expect(await run(["--target", "cloudflare", "--dry-run", "--out", join(tmp, "dry")], i)).toBe(0);
    expect(calls(bin, "wrangler")).toEqual([]);
    expect(out.join("")).toContain("npx wrangler deploy");
  });
});

describe("the provider CLI's output is streamed, and a hanging CLI is stopped", () => {
  /** A stand-in wrangler that prints a line, then waits until the test has seen that line arrive. */
  async function waitingCli(bin: string, gate: string): Promise<void> {
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, "wrangler"),
      `#!${process.execPath}
const fs = require("node:fs");
process.stdout.write("Uploading weather-app (1.2 KiB)\\n");
process.stderr.write("▲ [WARNING] a warning on stderr\\n");
const t = setInterval(() => { if (fs.existsSync(${JSON.stringify(gate)})) { clearInterval(t); process.stdout.write("Deployed https://weather-app.acme.workers.dev\\n"); } }, 20);
`,
      { mode: 0o755 },
    );
  }

  it("each line appears while the CLI still runs, indented under the upload", async () => {
    const bin = join(tmp, "bin-stream");
    const gate = join(tmp, "stream-gate");
    await waitingCli(bin, gate);
    const out: string[] = [];
    const err: string[] = [];
    // The CLI only finishes once its first line has reached our output: no streaming, no finish.
    const io = {
      out: (s: string) => {
        out.push(s);
        if (s.includes("Uploading weather-app")) writeFileSync(gate, "");
      },
      err: (s: string) => err.push(s),
      cwd: app.root,
      env: { PATH: bin, CLOUDFLARE_API_TOKEN: TOKEN },
      driver: app.driver,
    };
    expect(await run(["--target", "cloudflare", "--out", join(tmp, "streamed"), "--upload-timeout", "60"], io)).toBe(0);
    const text = out.join("");
    expect(text).toContain("  │ Uploading weather-app (1.2 KiB)\n");
    expect(text).toContain("  │ Deployed https://weather-app.acme.workers.dev\n");
    expect(err.join("")).toContain("  │ ▲ [WARNING] a warning on stderr\n");
    expect(text).toContain("Deployed to https://weather-app.acme.workers.dev");
  });

  it("--upload-timeout stops a CLI that never finishes, and the error names it", async () => {
    const bin = join(tmp, "bin-hang");
    await waitingCli(bin, join(tmp, "never-created"));
    const err: string[] = [];
    const io = { out: () => {}, err: (s: string) => err.push(s), cwd: app.root, env: { PATH: bin, CLOUDFLARE_API_TOKEN: TOKEN }, driver: app.driver };
    expect(await run(["--target", "cloudflare", "--out", join(tmp, "hung"), "--upload-timeout", "1"], io)).toBe(1);
    const lines = err.join("").trim().split("\n");
    expect(lines.find((l) => l.startsWith("error: "))).toMatch(/^error: wrangler deploy did not finish within 1 s and was stopped \(artifacts kept in \S+hung; allow longer with --upload-timeout <seconds>\)$/);
    expect(existsSync(join(tmp, "hung", "wrangler.toml"))).toBe(true);
  });
});

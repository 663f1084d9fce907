// Targets own their options: the CLI's flags and --help come from each target's `options`
// (built-in and third-party alike), values are checked by the target's schemas before any
// build, and several targets are each tried and summed up in one table.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/commands/deploy.js";
import { deploy, DeployError, type BuildRequest } from "../../src/deploy/index.js";
import { defineTarget, z } from "../../src/deploy/target.js";
import { fakeApp, standInCli, type FakeApp } from "./helpers.js";

const REPO = resolve(import.meta.dirname, "../..");
const FLY = "./examples/custom-target/index.ts";
let app: FakeApp;
let tmp: string;
beforeAll(async () => {
  app = await fakeApp();
  tmp = await mkdtemp(join(tmpdir(), "mastra-options-"));
});
afterAll(async () => {
  await app.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

/** In-process `mastra deploy` with a driver that records every build, run from the repo (so ./examples resolves). */
function cli(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const builds: string[] = [];
  const driver = {
    ...app.driver,
    build: async (r: BuildRequest) => (builds.push(`build ${r.platform}`), app.driver.build(r)),
    prebuilt: async (r: BuildRequest) => (builds.push(`reuse ${r.platform}`), app.driver.prebuilt(r)),
  };
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: REPO, env, driver };
  return { out: () => out.join(""), err: () => err.join(""), builds, go: (...argv: string[]) => run(["--dir", app.root, ...argv], io) };
}

describe("flags and --help come from the targets' options", () => {
  it("--help lists every built-in target's options under its name", async () => {
    const c = cli();
    expect(await c.go("--help")).toBe(0);
    expect(c.out()).toMatch(/^ {2}--wrangler <file\.json>\s+cloudflare: /m);
    expect(c.out()).toMatch(/^ {2}--plan <free\|paid>\s+cloudflare: /m);
    expect(c.out()).toMatch(/^ {2}--image <ref>\s+docker: /m);
    expect(c.out()).toMatch(/^ {2}--prod\s+vercel: /m);
  });

  it("a third-party target's options are flags and --help lines too", async () => {
    const c = cli();
    expect(await c.go("--target", FLY, "--help")).toBe(0);
    expect(c.out()).toMatch(/^ {2}--region <code>\s+fly: primary region of the app$/m);

    const d = cli();
    expect(await d.go("--target", FLY, "--region", "fra", "--dry-run", "--out", join(tmp, "fly-fra"))).toBe(0);
    expect(parse(await readFile(join(tmp, "fly-fra", "fly.toml"), "utf8"))).toMatchObject({ primary_region: "fra" });
  });

  it("--option name=value still works, for declared options as for undeclared ones", async () => {
    const c = cli();
    expect(await c.go("--target", FLY, "--option", "region=iad", "--dry-run", "--out", join(tmp, "fly-iad"))).toBe(0);
    expect(parse(await readFile(join(tmp, "fly-iad", "fly.toml"), "utf8"))).toMatchObject({ primary_region: "iad" });
    // The schema's default when the option is not given.
    const d = cli();
    expect(await d.go("--target", FLY, "--dry-run", "--out", join(tmp, "fly-default"))).toBe(0);
    expect(parse(await readFile(join(tmp, "fly-default", "fly.toml"), "utf8"))).toMatchObject({ primary_region: "ams" });
    // A boolean option from text, as its flag would give it.
    const e = cli();
    expect(await e.go("--target", "vercel", "--option", "prod=true", "--dry-run", "--out", join(tmp, "vc-prod"))).toBe(0);
    expect(e.out()).toContain("npx vercel deploy --prebuilt --yes --prod");
  });

  it("a target that declares no options gets --option values as given", async () => {
    const file = join(tmp, "untyped-target.mjs");
    await writeFile(
      file,
      `import { writeFile } from "node:fs/promises"; import { join } from "node:path";
export default { name: "untyped", platform: "node", entry: "x", async package(ctx) { await writeFile(join(ctx.outDir, "opts.json"), JSON.stringify(ctx.options)); } };\n`,
    );
    const c = cli();
    expect(await c.go("--target", file, "--option", "color=blue", "--dry-run", "--out", join(tmp, "untyped"))).toBe(0);
    expect(JSON.parse(readFileSync(join(tmp, "untyped", "opts.json"), "utf8"))).toEqual({ color: "blue" });
  });
});

describe("a wrong setting is a wrong command line: exit 2, one line, nothing built", () => {
  const cases: [string, string[], RegExp][] = [
    ["a value the schema refuses", ["--target", "cloudflare", "--plan", "gold"], /^error: cloudflare --plan: Invalid option: expected one of "free"\|"paid"$/],
    ["a third-party schema's own message", ["--target", FLY, "--region", "FRANCE"], /^error: fly --region: must be a Fly region code like fra or iad$/],
    ["a flag of another target", ["--target", "node", "--plan", "paid"], /^error: --plan is an option of cloudflare; --target node does not take it$/],
    ["an --option no target here takes", ["--target", "node,docker", "--option", "colour=red"], /^error: no target here takes the option "colour"/],
    ["a wrangler setting the target owns", ["--target", "cloudflare", "--option", "wrangler=WRANGLER"], /^error: cloudflare --wrangler: wrangler setting `main` is set by the cloudflare target/],
    ["a missing --wrangler file", ["--target", "cloudflare", "--wrangler", "/nonexistent/w.json"], /^error: --wrangler \/nonexistent\/w\.json: ENOENT/],
    ["a bad upload timeout", ["--target", "node", "--upload-timeout", "soon"], /^error: --upload-timeout takes a number of seconds \(got soon\)$/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const wrangler = join(tmp, "owned.json");
      await writeFile(wrangler, JSON.stringify({ main: "other.js" }));
      const c = cli();
      expect(await c.go(...argv.map((a) => a.replace("WRANGLER", wrangler)))).toBe(2);
      expect(c.err().trim().split("\n")).toHaveLength(1);
      expect(c.err().trim()).toMatch(message);
      expect(c.builds).toEqual([]);
    });
  }

  it("the programmatic API checks the same schemas", async () => {
    await expect(deploy({ root: app.root, target: "docker", dryRun: true, outDir: join(tmp, "d"), driver: app.driver, options: { image: "not an image" }, env: {} })).rejects.toSatisfy(
      (e: unknown) => e instanceof DeployError && e.exitCode === 2 && /^docker --image: must be an image reference/.test(e.message),
    );
    await expect(deploy({ root: app.root, target: "docker", dryRun: true, outDir: join(tmp, "d"), driver: app.driver, options: { imag: "x:1" }, env: {} })).rejects.toThrow(
      'docker has no option "imag" (it takes --image)',
    );
  });

  it("defineTarget refuses an option that would shadow a flag of mastra deploy, or has no help", () => {
    const base = { name: "x", platform: "node" as const, entry: "e", async package() {} };
    expect(() => defineTarget({ ...base, options: { out: { schema: z.string(), help: "h" } } })).toThrow(/--out is a flag of mastra deploy itself/);
    expect(() => defineTarget({ ...base, options: { size: { schema: z.string(), help: "" } } })).toThrow(/`help` must say what it does/);
  });
});

describe("target names are checked before anything is built", () => {
  it("a misspelt built-in: did you mean, exit 2", async () => {
    const c = cli();
    expect(await c.go("--target", "clouflare", "--dry-run")).toBe(2);
    expect(c.err()).toMatch(/^error: Unknown target "clouflare": did you mean cloudflare\?\n/);
    expect(c.builds).toEqual([]);
  });

  it("node,bogus: nothing is built or packaged", async () => {
    const c = cli();
    expect(await c.go("--target", "node,bogus", "--dry-run", "--out", join(tmp, "never"))).toBe(2);
    expect(c.err()).toContain('Unknown target "bogus"');
    expect(c.builds).toEqual([]);
    expect(existsSync(join(app.root, ".mastra", "deploy", "node"))).toBe(false);
  });
});

describe("several targets: each is tried, then one table", () => {
  it("without any provider CLI: node is packaged, the others fail before their build, exit 1", async () => {
    const c = cli({ PATH: join(tmp, "no-clis") });
    expect(await c.go("--target", "all")).toBe(1);
    // Only node needs no CLI: one node build, no worker build at all.
    expect(c.builds).toEqual(["build node"]);
    const table = c.out().slice(c.out().lastIndexOf("4 of 5 targets failed:"));
    expect(table).toMatch(/^ {2}node\s+packaged\s+\d/m);
    expect(table).toMatch(/^ {2}cloudflare\s+failed at target\s+\d+ ms\s+wrangler CLI not found/m);
    expect(table).toMatch(/^ {2}vercel\s+failed at target\s+\d+ ms\s+vercel CLI not found/m);
    expect(table).toMatch(/^ {2}netlify\s+failed at target\s+\d+ ms\s+netlify CLI not found/m);
    expect(table).toMatch(/^ {2}docker\s+failed at target\s+\d+ ms\s+docker CLI not found/m);
    // Each failure is also said as it happens, in the one error style.
    expect(c.err()).toMatch(/^error: cloudflare: wrangler CLI not found/m);
  });

  it("a failing upload does not stop the next target; --json reports each", async () => {
    const bin = join(tmp, "bin-mixed");
    await standInCli(bin, "wrangler", "https://weather-app.acme.workers.dev\n");
    await standInCli(bin, "docker");
    await writeFile(join(bin, "vercel"), `#!${process.execPath}\nprocess.stderr.write("Error: token expired\\n"); process.exit(4);\n`, { mode: 0o755 });
    const c = cli({ PATH: bin, CLOUDFLARE_API_TOKEN: "t", VERCEL_TOKEN: "t", VERCEL_ORG_ID: "o", VERCEL_PROJECT_ID: "p" });
    expect(await c.go("--target", "vercel,cloudflare,docker", "--json")).toBe(1);
    const r = JSON.parse(c.out());
    expect(r.ok).toBe(false);
    expect(r.targets.map((t: { target: string; ok: boolean }) => [t.target, t.ok])).toEqual([
      ["vercel", false],
      ["cloudflare", true],
      ["docker", true],
    ]);
    expect(r.targets[0]).toMatchObject({ phase: "upload", exitCode: 1, error: { code: "UPLOAD_FAILED", message: expect.stringMatching(/^vercel deploy failed with exit code 4/), detail: ["Error: token expired"] } });
    expect(r.targets[1].upload.url).toBe("https://weather-app.acme.workers.dev");
    // Each platform built once, in order; the failed upload stopped nothing after it.
    expect(c.builds).toEqual(["build node-inlined", "build worker", "build node"]);
  });
});

describe("what a dry run prints", () => {
  it("each target's next command is the README's, after a cd into the output folder", async () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    for (const target of ["node", "cloudflare", "vercel", "netlify", "docker"]) {
      const c = cli();
      expect(await c.go("--target", target, "--dry-run", "--json", "--out", join(tmp, `next-${target}`))).toBe(0);
      const next: string = JSON.parse(c.out()).nextCommand;
      expect(next).toMatch(/^cd \S+ && /);
      const command = next.slice(next.indexOf(" && ") + 4).replace(/^npx /, "").replaceAll("weather-app", "<app>");
      expect(readme, `${target}: ${command}`).toContain(command);
    }
  });

  it("the zip gets no gzip column: it is compressed already", async () => {
    const c = cli();
    expect(await c.go("--target", "node", "--dry-run", "--out", join(tmp, "zip-table"))).toBe(0);
    expect(c.out()).toMatch(/^ {2}file\s+size$/m);
    expect(c.out()).toMatch(/^ {2}weather-app\.zip\s+\d+(\.\d)? (B|KiB)$/m);
    const d = cli();
    expect(await d.go("--target", "docker", "--dry-run", "--out", join(tmp, "docker-table"))).toBe(0);
    expect(d.out()).toMatch(/^ {2}file\s+size\s+gzip$/m);
  });
});

// The orchestrator's rules: target loading, wrangler settings merge, size limits, the secret
// guard, --prebuilt refusal, and the CLI's flags, --json and exit codes.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/commands/deploy.js";
import { moduleOf, moduleSizes } from "../../src/deploy/bundle-modules.js";
import { deploy, deployEach, DeployError, expandTargets, loadTarget, type BuildRequest } from "../../src/deploy/index.js";
import { stateWarnings } from "../../src/deploy/orchestrator.js";
import { parseEnvFile } from "../../src/deploy/secrets.js";
import { defineTarget, toToml, writeText, zipFolder, type StorageSummary } from "../../src/deploy/target.js";
import { secretHits } from "../helpers/output-scan.js";
import { wranglerSettings } from "../../targets/cloudflare/index.js";
import { fakeApp, standInCli, type FakeApp } from "./helpers.js";

const REPO = resolve(import.meta.dirname, "../..");
let app: FakeApp;
let tmp: string;
beforeAll(async () => {
  app = await fakeApp();
  tmp = await mkdtemp(join(tmpdir(), "mastra-orch-"));
});
afterAll(async () => {
  await app.cleanup();
  await rm(tmp, { recursive: true, force: true });
});

const rejectsWith = (p: Promise<unknown>, re: RegExp) => expect(p).rejects.toSatisfy((e: unknown) => e instanceof DeployError && re.test(e.message));

describe("loading targets", () => {
  it("built-in names", async () => {
    for (const n of ["node", "cloudflare", "vercel", "netlify", "docker"]) expect((await loadTarget(n, { cwd: REPO, root: REPO })).name).toBe(n);
  });

  it("a TypeScript module by path (the example third-party target), used end to end", async () => {
    const t = await loadTarget("./examples/custom-target/index.ts", { cwd: REPO, root: app.root });
    expect(t).toMatchObject({ name: "fly", platform: "node" });
    const r = await deploy({ root: app.root, target: "./examples/custom-target/index.ts", cwd: REPO, dryRun: true, outDir: join(tmp, "fly"), driver: app.driver, env: {} });
    expect(r.artifacts.map((a) => a.path)).toEqual(["fly.toml", "index.mjs", "index.mjs.map", "package.json"]);
    const fly = parse(await readFile(join(r.outDir, "fly.toml"), "utf8")) as Record<string, any>;
    expect(fly).toMatchObject({ app: "weather-app", http_service: { internal_port: 3000 } });
    expect(r.nextCommand).toContain("flyctl deploy");
    // The compiled helper file is removed after import.
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(join(REPO, "examples/custom-target"))).filter((f) => f.includes("mastra-target"))).toEqual([]);
  });

  it("the example target uploads through flyctl with its token in env", async () => {
    const bin = join(tmp, "bin-fly");
    await standInCli(bin, "flyctl");
    const r = await deploy({ root: app.root, target: "./examples/custom-target/index.ts", cwd: REPO, outDir: join(tmp, "fly-up"), driver: app.driver, env: { PATH: bin, FLY_API_TOKEN: "fly_secret_token_123" } });
    const call = JSON.parse((await readFile(join(bin, "flyctl.calls.jsonl"), "utf8")).trim());
    expect(call.argv).toEqual(["deploy", "--remote-only", "--config", "fly.toml"]);
    expect(call.env.FLY_API_TOKEN).toBe("fly_secret_token_123");
    expect(r.upload?.message).toBe("Deployed to Fly.io");
  });

  it("an installed package by name", async () => {
    const pkg = join(app.root, "node_modules", "mastra-target-hello");
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, "package.json"), JSON.stringify({ name: "mastra-target-hello", type: "module", exports: { ".": { import: "./index.js" } } }));
    await writeFile(
      join(pkg, "index.js"),
      `export default { name: "hello", platform: "worker", entry: "x", async package(ctx) { return []; } };\n`,
    );
    expect((await loadTarget("mastra-target-hello", { cwd: tmp, root: app.root })).name).toBe("hello");
    await rm(join(app.root, "node_modules"), { recursive: true, force: true });
  });

  it("unknown names and non-targets fail with one clear line", async () => {
    await rejectsWith(loadTarget("heroku", { cwd: tmp, root: app.root }), /^Unknown target "heroku": not a built-in \(node, cloudflare, vercel, netlify, docker\)/);
    await rejectsWith(loadTarget("./missing.ts", { cwd: tmp, root: app.root }), /does not exist/);
    const bad = join(tmp, "bad-target.mjs");
    await writeFile(bad, "export default { name: 'x' };\n");
    await rejectsWith(loadTarget(bad, { cwd: tmp, root: app.root }), /is not a deploy target: `platform` must be "node", "node-inlined", "worker"/);
    expect(() => defineTarget({ name: "Bad Name" } as never)).toThrow(/name/);
  });
});

describe("cloudflare: user wrangler settings are merged, never dropped", () => {
  const user = {
    vars: { LOG_LEVEL: "debug" },
    routes: [{ pattern: "api.example.com/*", zone_name: "example.com" }],
    kv_namespaces: [{ binding: "CACHE", id: "abc123" }],
    compatibility_flags: ["nodejs_als"],
    observability: { enabled: true },
  };

  it("writes TOML that parses back to our settings plus every user setting", async () => {
    const r = await deploy({ root: app.root, target: "cloudflare", dryRun: true, outDir: join(tmp, "cf-merge"), driver: app.driver, options: { wrangler: user }, env: {} });
    const toml = await readFile(join(r.outDir, "wrangler.toml"), "utf8");
    await expect(toml).toMatchFileSnapshot("__snapshots__/cloudflare/wrangler.merged.toml");
    expect(parse(toml)).toEqual({
      name: "weather-app",
      main: "index.mjs",
      compatibility_date: "2025-10-01",
      no_bundle: true,
      upload_source_maps: true,
      vars: { LOG_LEVEL: "debug" },
      routes: [{ pattern: "api.example.com/*", zone_name: "example.com" }],
      kv_namespaces: [{ binding: "CACHE", id: "abc123" }],
      compatibility_flags: ["nodejs_compat", "nodejs_als"],
      observability: { enabled: true },
    });
  });

  it("a setting the target owns is refused, not silently dropped", () => {
    expect(() => wranglerSettings("x", { wrangler: { main: "other.js" } })).toThrow(/`main` is set by the cloudflare target/);
  });

  it("the CLI reads --wrangler from a JSON file", async () => {
    const file = join(tmp, "wrangler.extra.json");
    await writeFile(file, JSON.stringify({ vars: { REGION: "eu" } }));
    const out: string[] = [];
    const code = await run(["-t", "cloudflare", "--dry-run", "--json", "--wrangler", file, "--out", join(tmp, "cf-cli")], { out: (s) => out.push(s), err: () => {}, cwd: app.root, env: {}, driver: app.driver });
    expect(code).toBe(0);
    expect(parse(await readFile(join(tmp, "cf-cli", "wrangler.toml"), "utf8")).vars).toEqual({ REGION: "eu" });
  });

  it("--d1 writes [[d1_databases]] that wrangler reads, replacing a --wrangler entry of the same binding", async () => {
    const wrangler = join(tmp, "wrangler.d1.json");
    await writeFile(wrangler, JSON.stringify({ d1_databases: [{ binding: "DB", database_name: "old", database_id: "0" }, { binding: "LOGS", database_name: "logs", database_id: "9" }] }));
    const out: string[] = [];
    const argv = ["-t", "cloudflare", "--dry-run", "--json", "--wrangler", wrangler, "--d1", "DB=mastra-db:5f1c,CACHE=cache:77", "--out", join(tmp, "cf-d1")];
    const code = await run(argv, { out: (s) => out.push(s), err: () => {}, cwd: app.root, env: {}, driver: app.driver });
    expect(code).toBe(0);
    const toml = await readFile(join(tmp, "cf-d1", "wrangler.toml"), "utf8");
    expect(toml).toMatch(/^\[\[d1_databases\]\]$/m);
    expect(parse(toml).d1_databases).toEqual([
      { binding: "LOGS", database_name: "logs", database_id: "9" },
      { binding: "DB", database_name: "mastra-db", database_id: "5f1c" },
      { binding: "CACHE", database_name: "cache", database_id: "77" },
    ]);
  });

  it("a malformed --d1 is a command-line error naming the form", async () => {
    const err: string[] = [];
    const code = await run(["-t", "cloudflare", "--dry-run", "--d1", "DB=no-id", "--out", join(tmp, "cf-d1-bad")], { out: () => {}, err: (s) => err.push(s), cwd: app.root, env: {}, driver: app.driver });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/--d1.*"DB=no-id" must be BINDING=database_name:database_id/);
  });

  it("toToml quotes keys and strings safely", () => {
    expect(parse(toToml({ "a.b": 'x "q" \\ \n', n: 1, t: { "k k": [1, 2] } }))).toEqual({ "a.b": 'x "q" \\ \n', n: 1, t: { "k k": [1, 2] } });
  });
});

describe("state on serverless targets", () => {
  const build = (storage?: StorageSummary) => ({ dir: "/x", files: [], externals: {}, platform: "worker" as const, ...(storage ? { storage } : {}) });
  const target = (manyInstances: boolean) => defineTarget({ name: "t", platform: "worker", entry: "e.ts", manyInstances, package: async () => {} });

  it("one warning line when the app keeps state per instance, naming the stores that fix it", () => {
    const [w, ...rest] = stateWarnings(target(true), build({ name: "memory", shared: false, configured: false }));
    expect(rest).toEqual([]);
    expect(w).toMatch(/^t: workflow runs and agent memory won't be shared between instances — the app configures no storage/);
    expect(w).toMatch(/PostgresStore .*LibSQLStore on a libsql:\/\/ .*D1Store/);
    expect(w).not.toContain("\n");
    expect(stateWarnings(target(true), build({ name: "libsql", shared: false, configured: true }))[0]).toMatch(/the app's libsql store keeps them in one instance/);
  });

  it("an agent whose Memory has a local store of its own is named, even when the app's store is shared", () => {
    const memory = [{ agent: "weatherAgent", name: "libsql", shared: false }];
    const [alone, ...rest] = stateWarnings(target(true), build({ name: "pg", shared: true, configured: true, memory }));
    expect(rest).toEqual([]);
    expect(alone).toBe("t: agent memory won't be shared between instances — weatherAgent's Memory keeps its threads in its own libsql store, in one instance (memory or a local file); give that Memory a shared store, or none to use the app's");
    const [both] = stateWarnings(target(true), build({ name: "libsql", shared: false, configured: true, memory }));
    expect(both).toMatch(/the app's libsql store keeps them in one instance \(memory or a local file\), and weatherAgent's Memory keeps its threads in its own libsql store; use PostgresStore/);
    // A Memory on a shared store of its own changes nothing.
    expect(stateWarnings(target(true), build({ name: "pg", shared: true, configured: true, memory: [{ agent: "a", name: "pg", shared: true }] }))).toEqual([]);
  });

  it("no warning for a shared store, a single-instance target, or an app the check could not read", () => {
    expect(stateWarnings(target(true), build({ name: "pg", shared: true, configured: true }))).toEqual([]);
    expect(stateWarnings(target(false), build({ name: "memory", shared: false, configured: false }))).toEqual([]);
    expect(stateWarnings(target(true), build())).toEqual([]);
  });

  it("the built-in serverless targets are the ones that warn", async () => {
    const many = await Promise.all(["node", "docker", "cloudflare", "vercel", "netlify"].map(async (n) => [n, !!(await loadTarget(n)).manyInstances]));
    expect(Object.fromEntries(many)).toEqual({ node: false, docker: false, cloudflare: true, vercel: true, netlify: true });
  });
});

describe("size limits", () => {
  it("over the limit fails with the figure and the biggest modules", async () => {
    // A bundle whose map charges most bytes to a dependency.
    const big = "x".repeat(5000);
    const bundle = `${big}\nconst y = 1;\n`;
    const map = JSON.stringify({ version: 3, sources: ["../node_modules/@big/dep/index.js", "../src/mastra/index.ts"], names: [], mappings: "AAAA;ACAA" });
    const fat = await fakeApp({ bundle, map });
    try {
      const p = deploy({ root: fat.root, target: "cloudflare", dryRun: true, outDir: join(tmp, "cf-big"), driver: fat.driver, options: { maxGzipBytes: 20 }, env: {} });
      await expect(p).rejects.toSatisfy((e: unknown) => {
        const err = e as DeployError;
        return /^cloudflare: bundle \(gzip\) is \d+ B, over the 20 B limit; biggest modules in the bundle:$/.test(err.message) && /^\s+4\.9 KiB\s+@big\/dep$/.test(err.detail[0]);
      });
    } finally {
      await fat.cleanup();
    }
  });

  it("the free and paid Workers plans", async () => {
    const t = await loadTarget("cloudflare", { cwd: REPO, root: REPO });
    const limits = t.limits as (o: Record<string, unknown>) => { bundleGzipBytes: number };
    expect(limits({}).bundleGzipBytes).toBe(3 * 1024 * 1024);
    expect(limits({ plan: "paid" }).bundleGzipBytes).toBe(10 * 1024 * 1024);
  });

  it("module sizes come from the source map, grouped by package", () => {
    expect(moduleOf("../../node_modules/.pnpm/x/node_modules/@scope/pkg/dist/a.js")).toBe("@scope/pkg");
    expect(moduleOf("../src/mastra/index.ts")).toBe("src/mastra/index.ts");
    const sizes = moduleSizes("aaaabbbbbb\ncc", { sources: ["a.ts", "b.ts"], mappings: "AAAA,ICAA;ADAA" });
    expect(sizes).toEqual([
      { module: "a.ts", bytes: 6 },
      { module: "b.ts", bytes: 6 },
    ]);
  });
});

describe("secrets", () => {
  it("a secret from .env found in the bundle stops the deploy before upload", async () => {
    const secret = "sk-live-PLANTED-0123456789";
    const leaky = await fakeApp({ env: `OPENAI_API_KEY=${secret}\n`, bundle: `const key = "${secret}";\nexport default {};\n` });
    const bin = join(tmp, "bin-leak");
    await standInCli(bin, "wrangler");
    try {
      await rejectsWith(
        deploy({ root: leaky.root, target: "cloudflare", outDir: join(tmp, "leak"), driver: leaky.driver, env: { PATH: bin, CLOUDFLARE_API_TOKEN: "t" } }),
        /^Refusing to deploy: the value of OPENAI_API_KEY from \.env is in /,
      );
      expect(existsSync(join(bin, "wrangler.calls.jsonl"))).toBe(false);
    } finally {
      await leaky.cleanup();
    }
  });

  // The advice after the refusal: how the app gets the secret on that target (the README's "Secrets:" lines).
  const howToSet: Array<[string, string]> = [
    ["cloudflare", "and set it with `npx wrangler secret put OPENAI_API_KEY` (the Worker's secrets reach process.env under nodejs_compat)"],
    ["node", "and put OPENAI_API_KEY=… in /etc/weather-app.env on the server (the unit's EnvironmentFile)"],
    ["vercel", "and set it with `vercel env add OPENAI_API_KEY`"],
    ["netlify", "and set it with `netlify env:set OPENAI_API_KEY <value>`"],
    ["docker", "and pass it to the container (`docker run -e OPENAI_API_KEY`, or the weather-app-env Kubernetes secret k8s.yaml reads: `kubectl create secret generic weather-app-env --from-env-file=.env`)"],
  ];
  it.each(howToSet)("the refusal on %s says how that target sets the secret", async (target, advice) => {
    const leaky = await fakeApp({ env: `OPENAI_API_KEY=${PLAIN}\n`, bundle: `const key = "${PLAIN}";\nexport default {};\n` });
    try {
      const err = await deploy({ root: leaky.root, target, dryRun: true, outDir: join(tmp, `advice-${target}`), driver: leaky.driver, env: {} }).then(
        () => { throw new Error("deployed"); },
        (e: DeployError) => e,
      );
      expect(err.message).toMatch(/^Refusing to deploy: the value of OPENAI_API_KEY from \.env is in \S+index\.mjs; read it from process\.env at run time instead, /);
      expect(err.message.endsWith(advice)).toBe(true);
      expect(err.message).not.toContain(PLAIN);
    } finally {
      await leaky.cleanup();
    }
  });

  // Each form spelled out here as a bundle would hold it, not through the scan's own encoder.
  const QUOTED = 'pa"ss\\word\nline-2-XYZ';
  const PLAIN = "sk-live-PLANTED-0123456789";
  const planted: Array<[string, string, string]> = [
    ["as is, from .dev.vars", `const k = "${PLAIN}";`, ""],
    ["JSON-escaped", `const k = ${JSON.stringify(QUOTED)};`, " (JSON-escaped)"],
    ["URL-encoded", `fetch("https://api.example.com/?key=sk%2Flive%3D%2BPLANTED%26x");`, " (URL-encoded)"],
    ["base64", `const k = "${Buffer.from(PLAIN).toString("base64")}";`, " (base64)"],
    ["base64 inside basic auth, 2 bytes in", `const h = "Basic ${Buffer.from(`u:${PLAIN}`).toString("base64")}";`, " (base64)"],
    ["base64 inside basic auth, 4 bytes in", `const h = "Basic ${Buffer.from(`u1:x${PLAIN}`).toString("base64")}";`, " (base64)"],
    ["base64url", `const t = "${Buffer.from(`??>${PLAIN}`).toString("base64url")}";`, " (base64)"],
  ];
  it.each(planted)("a .dev.vars secret in the bundle, %s, stops the deploy naming the form, never the value", async (_, line, form) => {
    const devVars = `PLAIN_KEY=${PLAIN}\nQUOTED_KEY=\`${QUOTED}\`\nURL_KEY=sk/live=+PLANTED&x\n`;
    const leaky = await fakeApp({ devVars, bundle: `${line}\nexport default {};\n` });
    try {
      const err = await deploy({ root: leaky.root, target: "cloudflare", dryRun: true, outDir: join(tmp, "leak-forms"), driver: leaky.driver, env: {} }).then(
        () => { throw new Error("deployed"); },
        (e: DeployError) => e,
      );
      expect(err.message).toMatch(new RegExp(`^Refusing to deploy: the value of (PLAIN|QUOTED|URL)_KEY from \\.dev\\.vars is in \\S+index\\.mjs${form.replace(/[()]/g, "\\$&")}; read it`));
      for (const text of [err.message, ...err.detail]) for (const v of [PLAIN, QUOTED, "sk/live=+PLANTED&x", "PLANTED"]) expect(text).not.toContain(v);
    } finally {
      await leaky.cleanup();
    }
  });

  it("a normal build passes with secrets in .env and .dev.vars, short values and placeholders aside", async () => {
    const env = `OPENAI_API_KEY=${PLAIN}\nPORT=3000\n`;
    const clean = await fakeApp({ env, devVars: `CF_TOKEN=${QUOTED.replace(/\n/g, "")}\nMODE=dev\n`, bundle: `const port = 3000, mode = "dev";\nexport default {};\n` });
    await writeFile(join(clean.root, ".dev.vars.example"), "EXAMPLE_KEY=\"const port = 3000\"\n");
    try {
      const r = await deploy({ root: clean.root, target: "cloudflare", dryRun: true, outDir: join(tmp, "clean"), driver: clean.driver, env: {} });
      expect(r.phases.at(-1)?.note).toBe("size limits and secret scan passed");
    } finally {
      await clean.cleanup();
    }
  });

  // A third-party target that writes a file only into its zip (deflated: the zip's own bytes never hold the value as is).
  const zipping = (file: string, text: string) =>
    defineTarget({
      name: "zipper",
      platform: "node",
      entry: "e.ts",
      package: async (ctx) => {
        const stage = join(ctx.outDir, "..", "zipper-stage");
        await rm(stage, { recursive: true, force: true });
        await writeText(stage, file, text);
        await zipFolder(stage, join(ctx.outDir, "app.zip"), "app");
      },
    });

  it("a secret in a file that is only inside a zip stops the deploy, named <zip>!<entry>", async () => {
    const leaky = await fakeApp({ env: `OPENAI_API_KEY=${PLAIN}\n` });
    try {
      const target = zipping("deploy.conf", `api_key = "${Buffer.from(PLAIN).toString("base64")}"\n`);
      const out = join(tmp, "zip-leak");
      await rejectsWith(deploy({ root: leaky.root, target, dryRun: true, outDir: out, driver: leaky.driver, env: {} }), /^Refusing to deploy: the value of OPENAI_API_KEY from \.env is in \S+zip-leak\/app\.zip!app\/deploy\.conf \(base64\); read it/);
      // The zip's own bytes do not hold it: only reading its entries finds it.
      expect((await readFile(join(out, "app.zip"))).includes(Buffer.from(Buffer.from(PLAIN).toString("base64")))).toBe(false);
    } finally {
      await leaky.cleanup();
    }
  });

  it("a .env copied into a zip stops the deploy", async () => {
    const leaky = await fakeApp({ env: `OPENAI_API_KEY=${PLAIN}\n` });
    try {
      const target = zipping(".env.production", "NOTHING=here\n");
      await rejectsWith(deploy({ root: leaky.root, target, dryRun: true, outDir: join(tmp, "zip-env"), driver: leaky.driver, env: {} }), /^Refusing to deploy: \S+app\.zip!app\/\.env\.production is a copy of a secrets file/);
    } finally {
      await leaky.cleanup();
    }
  });

  it("a clean node deploy passes the scan of its zip, which holds no byte of the .env values", async () => {
    const clean = await fakeApp({ env: `OPENAI_API_KEY=${PLAIN}\n`, externals: { "fake-native": "1.0.0" }, nodeModules: true });
    try {
      const r = await deploy({ root: clean.root, target: "node", dryRun: true, outDir: join(tmp, "zip-clean"), driver: clean.driver, env: {} });
      expect(r.phases.at(-1)?.note).toBe("size limits and secret scan passed");
      const { files, hits } = await secretHits(r.outDir, { OPENAI_API_KEY: PLAIN });
      expect(files).toEqual(["weather-app.zip"]);
      expect(hits).toEqual([]);
    } finally {
      await clean.cleanup();
    }
  });

  it(".env parsing: quotes, export, comments", () => {
    expect(parseEnvFile('export A="x y"\nB=plain # note\n# C=no\nD=\'q\'')).toEqual({ A: "x y", B: "plain", D: "q" });
  });
});

describe("--prebuilt", () => {
  it("refuses with the driver's reason", async () => {
    const driver = { ...app.driver, prebuilt: async () => { throw new DeployError("--prebuilt refused: the sources changed since the build in .mastra/output (run mastra build again)"); } };
    const err: string[] = [];
    const code = await run(["-t", "node", "--prebuilt", "--dry-run"], { out: () => {}, err: (s) => err.push(s), cwd: app.root, env: {}, driver });
    expect(code).toBe(1);
    expect(err.join("").trim()).toBe("error: --prebuilt refused: the sources changed since the build in .mastra/output (run mastra build again)");
  });
});

describe("the CLI", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: app.root, env: {}, driver: app.driver } };
  };

  it("unknown flag → usage, exit 2; missing --target → exit 2", async () => {
    const a = io();
    expect(await run(["--target", "node", "--frobnicate"], a.io)).toBe(2);
    expect(a.err.join("")).toContain("Usage: mastra deploy");
    expect(await run([], io().io)).toBe(2);
  });

  it("--json prints exactly one JSON object on stdout", async () => {
    const a = io();
    expect(await run(["--target", "docker", "--dry-run", "--json", "--out", join(tmp, "json")], a.io)).toBe(0);
    expect(a.out).toHaveLength(1);
    const result = JSON.parse(a.out[0]);
    expect(result).toMatchObject({ ok: true, target: "docker", dryRun: true, upload: null });
    expect(result.artifacts.map((x: { path: string }) => x.path)).toContain("Dockerfile");
    expect(result.phases.map((p: { phase: string }) => p.phase)).toEqual(["target", "build", "package", "check"]);
    expect(result.nextCommand).toMatch(/^cd \S+ && docker build --tag weather-app:latest \.$/);
  });

  it("a person sees one line per phase with its time, the table and the next command", async () => {
    const a = io();
    expect(await run(["--target", "vercel", "--dry-run", "--out", join(tmp, "human")], a.io)).toBe(0);
    const text = a.out.join("");
    for (const phase of ["target", "build", "package", "check"]) expect(text).toMatch(new RegExp(`^  ${phase}\\s+\\d+ ms  `, "m"));
    expect(text).toMatch(/^  \.vercel\/output\/config\.json\s+\d+ B\s+\d+ B$/m);
    expect(text).toContain("npx vercel deploy --prebuilt");
  });
});

describe("node_modules: said only where the target ships them", () => {
  let native: FakeApp;
  beforeAll(async () => {
    native = await fakeApp({ externals: { "fake-native": "1.0.0" }, nodeModules: true });
  });
  afterAll(() => native.cleanup());
  const deployed = async (target: string, json: boolean) => {
    const out: string[] = [];
    const args = ["--target", target, "--dry-run", "--out", join(tmp, `nm-${target}-${json}`), ...(json ? ["--json"] : [])];
    expect(await run(args, { out: (s) => out.push(s), err: () => {}, cwd: native.root, env: {}, driver: native.driver })).toBe(0);
    return out.join("");
  };

  it("node: inside the zip, in the text and in --json", async () => {
    const text = await deployed("node", false);
    expect(text).toMatch(/^inside weather-app\.zip: node_modules\/, \d+ B unzipped in 2 files, 1 packages \(the native externals and what they load, built for linux-x64-glibc\)$/m);
    expect(text).not.toContain("plus node_modules/");
    const result = JSON.parse(await deployed("node", true));
    expect(result.nodeModules).toMatchObject({ files: 2, packages: [{ name: "fake-native" }] });
    const listing = execFileSync("unzip", ["-Z1", join(tmp, "nm-node-true", "weather-app.zip")], { encoding: "utf8" });
    expect(listing.split("\n")).toContain("weather-app/node_modules/fake-native/index.js");
  });

  it("docker (the image installs them) and a worker (bundles everything): no node_modules line or field", async () => {
    for (const target of ["docker", "cloudflare"]) {
      expect(await deployed(target, false)).not.toContain("node_modules");
      const result = JSON.parse(await deployed(target, true));
      expect(result.nodeModules).toBeUndefined();
      expect(result.artifacts.some((a: { path: string }) => a.path.includes("node_modules"))).toBe(false);
    }
  });

  it("docker: one line after the table names the natives its image installs at build, and --json's nativeInstall", async () => {
    const text = await deployed("docker", false);
    expect(text).toMatch(/^the image installs 1 native package at build \(npm install --omit=dev\): fake-native$/m);
    expect(await readFile(join(tmp, "nm-docker-false", "Dockerfile"), "utf8")).toContain("RUN npm install --omit=dev");
    expect(JSON.parse(await deployed("docker", true)).nativeInstall).toEqual({ by: "the image", when: "at build", command: "npm install --omit=dev", packages: ["fake-native"] });
    // node ships them in its zip and a worker bundles everything: neither installs any.
    for (const target of ["node", "cloudflare"]) {
      expect(await deployed(target, false)).not.toContain("native package");
      expect(JSON.parse(await deployed(target, true)).nativeInstall).toBeUndefined();
    }
    // Without natives the image installs nothing, and says nothing.
    const plain = await fakeApp();
    try {
      const r = await deploy({ root: plain.root, target: "docker", dryRun: true, outDir: join(tmp, "nm-docker-plain"), driver: plain.driver, env: {} });
      expect(r.nativeInstall).toBeUndefined();
    } finally {
      await plain.cleanup();
    }
  });

  it("two targets on one build: each says what it shipped", async () => {
    const results = await deployEach(["docker,node"], { root: native.root, cwd: native.root, dryRun: true, driver: native.driver });
    expect(results.map((r) => [r.target, r.ok && !!r.nodeModules])).toEqual([["docker", false], ["node", true]]);
  });
});

describe("several targets in one command", () => {
  it("expands `all` and comma lists, dropping repeats", () => {
    expect(expandTargets(["all"])).toEqual(["node", "cloudflare", "vercel", "netlify", "docker"]);
    expect(expandTargets(["node, docker,node", "./mine.ts"])).toEqual(["node", "docker", "./mine.ts"]);
  });

  it("builds once per platform and entry, and reuses that build for the later targets", async () => {
    const calls: string[] = [];
    const driver = {
      ...app.driver,
      build: async (req: BuildRequest) => (calls.push(`build ${req.platform}`), app.driver.build(req)),
      prebuilt: async (req: BuildRequest) => (calls.push(`reuse ${req.platform}`), app.driver.prebuilt(req)),
    };
    const results = await deployEach(["node,cloudflare,vercel,netlify,docker"], { root: app.root, cwd: app.root, dryRun: true, driver });
    expect(results.map((r) => r.target)).toEqual(["node", "cloudflare", "vercel", "netlify", "docker"]);
    // vercel and netlify share the node-inlined platform but each bundle wraps its own entry.
    expect(calls).toEqual(["build node", "build worker", "build node-inlined", "build node-inlined", "reuse node"]);
  });

  it("the CLI prints every target and refuses --out with more than one", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: app.root, env: {}, driver: app.driver };
    expect(await run(["--target", "node,docker", "--dry-run", "--json"], io)).toBe(0);
    expect(JSON.parse(out.join("")).targets.map((t: { target: string }) => t.target)).toEqual(["node", "docker"]);
    expect(await run(["--target", "all", "--dry-run", "--out", join(tmp, "x")], io)).toBe(2);
    expect(err.join("")).toContain("--out takes one target");
  });
});

// Platform differences: the worker bundle inlines everything and runs in workerd; on node,
// a native addon stays external and is listed with its installed version.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import { WORKERD_NODE_MODULES } from "../../src/build/platforms.js";
import { cleanupTemp, cli, copyFixture, startBuilt } from "./helpers.js";

afterAll(cleanupTemp);

/** Static and dynamic import specifiers left in an ES module bundle. */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)) {
    found.add((m[1] ?? m[2] ?? m[3])!);
  }
  return [...found];
}

describe("platform worker", () => {
  it("inlines everything, imports no node: module nodejs_compat lacks, and serves in workerd", async () => {
    const app = copyFixture("basic-app");
    const run = await cli(["build", "--platform", "worker", "--json"], app);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.platform).toBe("worker");
    expect(result.externals).toEqual([]);
    const code = readFileSync(join(app, ".mastra", "output-worker", "index.mjs"), "utf8");
    for (const spec of importsOf(code)) {
      expect(spec.startsWith("node:") && WORKERD_NODE_MODULES.has(spec.slice(5))).toBe(true);
    }
    expect(code).toMatch(/export\s*\{[^}]*\bas default\b[^}]*\}|export default /);

    // The real runtime: the module as the cloudflare target uploads it, with nodejs_compat.
    const mf = new Miniflare({
      modules: [{ type: "ESModule", path: "index.mjs", contents: code }],
      compatibilityDate: "2025-09-01",
      compatibilityFlags: ["nodejs_compat"],
    });
    try {
      const hello = await mf.dispatchFetch("http://localhost/hello");
      expect(hello.status).toBe(200);
      expect(await hello.json()).toEqual({ message: "hello, build", version: "1.2.3", loud: "HI!" });
      expect((await mf.dispatchFetch("http://localhost/health")).status).toBe(200);
    } finally {
      await mf.dispose();
    }
  });

  it("refuses a native addon with a one-line reason", async () => {
    const app = copyFixture("native-addon");
    const run = await cli(["build", "--platform", "worker"], app);
    expect(run.code).toBe(1);
    expect(run.err.split("\n")[0]).toBe('error: "fake-native" (imported from src/mastra/index.ts) is a native Node addon and cannot run on Workers; use a pure-JS or fetch-based alternative');
  });
});

describe("platform node-inlined (vercel and netlify functions)", () => {
  it("inlines every package, leaves only node: builtins, and the bundle is the function", async () => {
    const app = copyFixture("basic-app");
    const run = await cli(["build", "--platform", "node-inlined", "--json"], app);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(result.platform).toBe("node-inlined");
    expect(result.externals).toEqual([]);
    const file = join(app, ".mastra", "output-node-inlined", "index.mjs");
    for (const spec of importsOf(readFileSync(file, "utf8"))) expect(spec, spec).toMatch(/^node:/);
    // Without a target, the build wraps the first built-in node-inlined target's entry (vercel's).
    const fn = (await import(file)) as Record<string, (r: Request) => Promise<Response>>;
    const hello = await fn.GET!(new Request("https://app.example/hello"));
    expect(await hello.json()).toEqual({ message: "hello, build", version: "1.2.3", loud: "HI!" });
  });

  it("refuses a native addon, naming it and what to do instead", async () => {
    const app = copyFixture("native-addon");
    const run = await cli(["build", "--platform", "node-inlined"], app);
    expect(run.code).toBe(1);
    expect(run.err.split("\n")[0]).toBe(
      'error: "fake-native" (imported from src/mastra/index.ts) is a native Node addon: the node-inlined build ships no node_modules (Vercel and Netlify functions), so it cannot be inlined; use a pure-JS alternative, or deploy with --target node or docker',
    );
  });
});

describe("platform node: native addons", () => {
  it("keeps a package with binding.gyp external, lists it with the installed version, and it loads at run time", async () => {
    const app = copyFixture("native-addon");
    const result = await build({ root: app, platform: "node" });
    // Beside libSQL's client, which the node entry's default store (no storage in the app) imports.
    expect(result.externals.filter((e) => !e.name.includes("libsql"))).toEqual([{ name: "fake-native", version: "2.5.1", reason: "native addon" }]);
    const out = join(app, ".mastra", "output");
    const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
    expect(pkg.dependencies["fake-native"]).toBe("2.5.1");
    expect(result.manifest.dependencies["fake-native"]).toBe("2.5.1");
    expect(result.nodeModules?.packages).toContainEqual({ name: "fake-native", version: "2.5.1", path: "node_modules/fake-native" });
    const code = readFileSync(join(out, "index.mjs"), "utf8");
    expect(importsOf(code)).toContain("fake-native");
    expect(code).not.toContain("loadedFrom");

    const server = await startBuilt(out);
    try {
      expect(await (await fetch(`${server.url}/native`)).json()).toEqual({ native: { loadedFrom: "node_modules" } });
    } finally {
      await server.stop();
    }
  });
});

describe("--typecheck --minify", () => {
  it("passes on a correct app and produces a smaller bundle that still runs", async () => {
    const app = copyFixture("basic-app");
    const result = await build({ root: app, platform: "node", typecheck: true, minify: true });
    expect(result.manifest.minify).toBe(true);
    // The unminified basic-app bundle is ~1 MB; minified it is well under that.
    expect(result.files[0]!.bytes).toBeLessThan(700_000);
    expect(result.files[0]!.bytes).toBeGreaterThan(0);
    const server = await startBuilt(result.outDir);
    try {
      expect(await (await fetch(`${server.url}/hello`)).json()).toMatchObject({ loud: "HI!" });
    } finally {
      await server.stop();
    }
  }, 240_000); // type-checks the runtime too: slow on a busy 2-core machine
});

// The package as a user gets it: `npm pack`, installed from the tarball into an empty app (from
// npm's cache, so it works offline once the cache holds the dependencies), with the app written
// from the README's own snippets and a plain tsconfig. Proves that every documented import has
// full types in `tsc --noEmit` and in `mastra build --typecheck`, that a config typo is a type
// error there, that the tarball carries what the README cites and installs quietly.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "mastra-tarball-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string, timeout = 240_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, timeout, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

/** The files the README marks with `<!-- readme-app: path -->`, as written there. */
function readmeApp(): Record<string, string> {
  const readme = readFileSync(join(REPO, "README.md"), "utf8");
  const files: Record<string, string> = {};
  for (const m of readme.matchAll(/<!-- readme-app: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) files[m[1]!] = m[2]!;
  return files;
}

describe("the packed package in a fresh app", () => {
  let tarball: string;
  let files: string[];
  let app: string;
  let install: { code: number; out: string };
  const readme = readmeApp();

  beforeAll(async () => {
    // --ignore-scripts: `npm test` has just built dist/, and prepack's clean rebuild would pull
    // dist/ from under the tests running alongside.
    const pack = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", temp], REPO);
    expect(pack.code, pack.out).toBe(0);
    const info = JSON.parse(pack.out.slice(pack.out.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    tarball = join(temp, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);

    app = join(temp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "readme-app", version: "1.0.0", private: true, type: "module" }, null, 2));
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noEmit: true, types: ["node"] }, include: ["src"] }, null, 2),
    );
    for (const [path, text] of Object.entries(readme)) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), text);
    }
    install = await run("npm", ["install", tarball, "zod", "@ai-sdk/openai", "@types/node@20", "--prefer-offline", "--no-audit", "--no-fund"], app, 600_000);
    expect(install.code, install.out).toBe(0);
  }, 900_000);

  it("the tarball carries what the README cites, and no source map whose sources it lacks", () => {
    expect(files).toEqual(expect.arrayContaining(["dist/playground/index.html", "dist/playground/app.js", "dist/playground/app.css", "dist/virtual-mastra-app.d.ts", "dist/env.d.ts", "dist/src/core/models.js", "dist/src/core/models.d.ts", "bin/mastra.js"]));
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("src/") || f.startsWith("test/"))).toEqual([]);
  });

  it("installs quietly: no install script of ours, no engine warning", () => {
    expect(install.out).not.toMatch(/mastra-deploy@[\d.]+ \((prepare|preinstall|install|postinstall)/);
    expect(install.out).not.toMatch(/EBADENGINE/);
    const pkg = JSON.parse(readFileSync(join(app, "node_modules", "mastra-deploy", "package.json"), "utf8"));
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  });

  it("the README's app is the app under test", () => {
    expect(Object.keys(readme).sort()).toEqual(["src/mastra-env.d.ts", "src/mastra/index.ts"]);
    expect(readme["src/mastra/index.ts"]).toContain('from "@mastra/core/workflows"');
  });

  it("tsc --noEmit: every documented import has types; a config typo is a type error", async () => {
    const tsc = join(app, "node_modules", ".bin", "tsc");
    const good = await run(tsc, ["--noEmit", "-p", "."], app);
    expect(good.code, good.out).toBe(0);

    const index = join(app, "src", "mastra", "index.ts");
    const text = readFileSync(index, "utf8");
    writeFileSync(index, text.replace("  server: {", "  sever: {"));
    try {
      const bad = await run(tsc, ["--noEmit", "-p", "."], app);
      expect(bad.code).not.toBe(0);
      expect(bad.out).toMatch(/error TS(2353|2561): Object literal may only specify known properties.*'sever'/);
    } finally {
      writeFileSync(index, text);
    }
  }, 240_000);

  it("every @mastra/* alias of the build, and virtual:mastra-app for targets, resolves to typed exports (none is `any`)", async () => {
    const env = readFileSync(join(app, "node_modules", "mastra-deploy", "dist", "env.d.ts"), "utf8");
    const aliases = [...env.matchAll(/declare module "([^"]+)"/g)].map((m) => m[1]!);
    expect(aliases).toEqual(expect.arrayContaining(["@mastra/core", "@mastra/core/server", "@mastra/core/agent", "@mastra/core/tools", "@mastra/core/workflows", "@mastra/core/mastra"]));
    // A namespace import of each, used as a value of a type that has no such member: an untyped
    // (any) module would let this pass silently.
    const probe = aliases.map((a, i) => `import * as m${i} from "${a}";\n// @ts-expect-error a typed module has no such export\nm${i}.__not_exported__;`).join("\n");
    // The declaration the README gives custom targets' entries: `mastra` is the typed Mastra.
    const target = '/// <reference types="mastra-deploy/virtual-mastra-app" />\nimport { mastra } from "virtual:mastra-app";\nmastra.getAgents();\n// @ts-expect-error typed\nmastra.__not_a_method__();\n';
    writeFileSync(join(app, "src", "probe.ts"), `${target}${probe}\nexport {};\n`);
    try {
      const res = await run(join(app, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."], app);
      expect(res.code, res.out).toBe(0);
    } finally {
      rmSync(join(app, "src", "probe.ts"));
    }
  }, 240_000);

  it("mastra build --typecheck passes on the README's app and fails on the typo", async () => {
    const mastra = join(app, "node_modules", ".bin", "mastra");
    const good = await run(mastra, ["build", "--typecheck"], app);
    expect(good.code, good.out).toBe(0);

    const index = join(app, "src", "mastra", "index.ts");
    const text = readFileSync(index, "utf8");
    writeFileSync(index, text.replace("  server: {", "  sever: {"));
    try {
      const bad = await run(mastra, ["build", "--typecheck"], app);
      expect(bad.code).toBe(1);
      expect(bad.out).toMatch(/src\/mastra\/index\.ts:\d+:\d+: TS(2353|2561): .*'sever'/);
    } finally {
      writeFileSync(index, text);
    }
  }, 300_000);
});

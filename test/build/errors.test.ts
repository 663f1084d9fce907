// The errors a user will meet: one line (plus a code frame where there is a location),
// exit code 1, and the previous output left exactly as it was.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanupTemp, cli, copyFixture, emptyDir, snapshotDir } from "./helpers.js";

afterAll(cleanupTemp);

describe("build errors", () => {
  let app: string;
  let out: string;
  let good: Record<string, string>;
  let before: Record<string, string>;
  const file = (rel: string) => join(app, "src", "mastra", rel);

  beforeAll(async () => {
    app = copyFixture("basic-app");
    out = join(app, ".mastra", "output");
    expect((await cli(["build"], app)).code).toBe(0);
    before = snapshotDir(out);
    good = Object.fromEntries(["index.ts", "greet.ts"].map((f) => [f, readFileSync(file(f), "utf8")]));
  });

  afterEach(() => {
    // Every failed build leaves the previous output byte for byte.
    expect(snapshotDir(out)).toEqual(before);
    for (const [f, text] of Object.entries(good)) writeFileSync(file(f), text);
  });

  /** The error line is the first line of stderr; the frame (if any) follows after a blank line. */
  async function failingBuild(args: string[] = []) {
    const run = await cli(["build", ...args], app);
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    const [first, ...rest] = run.err.split("\n");
    return { line: first!, rest: rest.join("\n") };
  }

  it("a missing entry names both paths it looked for", async () => {
    const dir = emptyDir();
    const run = await cli(["build", "--dir", dir], app);
    expect(run.code).toBe(1);
    expect(run.err.trim()).toBe(`error: No Mastra entry: looked for ${dir}/src/mastra/index.ts and ${dir}/src/mastra/index.js`);
  });

  it("an entry without a `mastra` export names the file", async () => {
    writeFileSync(file("index.ts"), good["index.ts"]!.replace("export const mastra", "const mastra"));
    const { line } = await failingBuild();
    expect(line).toBe('error: src/mastra/index.ts does not export "mastra" — add: export const mastra = new Mastra({ ... })');
  });

  it("an import of a name the module does not export says its location once", async () => {
    writeFileSync(file("index.ts"), good["index.ts"]!.replace('import { greet } from "./greet.js";', 'import { greet, nope } from "./greet.js";').replace('greet("build")', 'greet("build") + nope'));
    const { line, rest } = await failingBuild();
    expect(line).toBe('error: src/mastra/index.ts:4:17: "nope" is not exported by "src/mastra/greet.ts", imported by "src/mastra/index.ts".');
    expect(rest).toMatch(/> 4 \| import \{ greet, nope \}/);
  });

  it("a syntax error gives file:line:col and a code frame", async () => {
    writeFileSync(file("greet.ts"), "export function greet(name: string): string {\n  return name +;\n}\n");
    const { line, rest } = await failingBuild();
    expect(line).toMatch(/^error: Syntax error in src\/mastra\/greet\.ts:2:\d+: /);
    expect(rest).toContain(">  2 |   return name +;".replace(">  ", "> "));
    expect(rest).toMatch(/\|\s+\^/);
  });

  it("an unresolved package names it, the importing file and the install command", async () => {
    writeFileSync(file("index.ts"), `import leftPad from "left-pad";\n${good["index.ts"]!.replace('message: greet("build")', 'message: leftPad(greet("build"), 3)')}`);
    const { line, rest } = await failingBuild();
    expect(line).toBe('error: Cannot resolve "left-pad" imported from src/mastra/index.ts:1:21 — install it: npm install left-pad');
    expect(rest).toContain('> 1 | import leftPad from "left-pad";');
  });

  it("an unresolved relative import names the file", async () => {
    writeFileSync(file("index.ts"), good["index.ts"]!.replace('"./greet.js"', '"./gret.js"'));
    const { line } = await failingBuild();
    expect(line).toMatch(/^error: Cannot resolve "\.\/gret\.js" imported from src\/mastra\/index\.ts:\d+:\d+ — no such file$/);
  });

  it("an unknown @mastra/core subpath says what is available", async () => {
    writeFileSync(file("index.ts"), `import "@mastra/core/memory";\n${good["index.ts"]}`);
    const { line } = await failingBuild();
    expect(line).toMatch(/^error: "@mastra\/core\/memory" \(imported from src\/mastra\/index\.ts\) is not provided by mastra-deploy; available: @mastra\/core, .*@mastra\/core\/server/);
  });

  it("a `mastra` that is not a Mastra instance says what it is", async () => {
    writeFileSync(file("index.ts"), "export const mastra = { server: { port: 3000 } };\n");
    const { line } = await failingBuild();
    expect(line).toBe('error: "mastra" exported from src/mastra/index.ts is an object (Object), not a Mastra instance — export new Mastra({ ... })');
  });

  it("an invalid server config names the field, why, and where", async () => {
    writeFileSync(file("index.ts"), 'import { Mastra } from "@mastra/core";\n\nexport const mastra = new Mastra({\n  server: { port: 99999 },\n});\n');
    const { line, rest } = await failingBuild();
    expect(line).toMatch(/^error: Invalid Mastra config: server\.port .*99999.* \(src\/mastra\/index\.ts:4:13\)$/);
    expect(rest).toContain("> 4 |   server: { port: 99999 },");
  });

  it("--typecheck fails on type errors and prints every one", async () => {
    writeFileSync(file("greet.ts"), 'export function greet(name: string): string {\n  const n: number = name;\n  return n;\n}\n');
    const { line, rest } = await failingBuild(["--typecheck"]);
    expect(line).toMatch(/^error: 2 type errors: src\/mastra\/greet\.ts:2:9: TS2322: Type 'string' is not assignable to type 'number'\.$/);
    expect(rest).toContain("src/mastra/greet.ts:3:3: TS2322");
  }, 240_000); // a full TypeScript program over the runtime's types: ~50 s on a busy 2-core machine

  it("--json on failure prints one JSON object with the error", async () => {
    writeFileSync(file("greet.ts"), "export function greet(name: string: string {}\n");
    const run = await cli(["build", "--json"], app);
    expect(run.code).toBe(1);
    const lines = run.out.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ ok: false, error: { code: "SYNTAX_ERROR", file: "src/mastra/greet.ts", line: 1 } });
  });
});

describe("command line", () => {
  it("an unknown flag exits 2 with the usage", async () => {
    const run = await cli(["build", "--bogus"], process.cwd());
    expect(run.code).toBe(2);
    expect(run.err).toContain("Unknown option '--bogus'");
    expect(run.err).toContain("Usage: mastra build");
  });

  it("a bad --platform exits 2", async () => {
    const run = await cli(["build", "--platform", "deno"], process.cwd());
    expect(run.code).toBe(2);
    expect(run.err).toContain('--platform must be "node", "node-inlined" or "worker"');
  });

  it("an unknown command exits 2 with the command list; --help exits 0", async () => {
    const bad = await cli(["bild"], process.cwd());
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command "bild"');
    const help = await cli(["build", "--help"], process.cwd());
    expect(help.code).toBe(0);
    expect(help.out).toContain("--typecheck");
  });

  it("start: unknown flag exits 2; no build exits 1 naming the path and the fix", async () => {
    expect((await cli(["start", "--port", "3"], process.cwd())).code).toBe(2);
    const dir = emptyDir();
    const run = await cli(["start", "--dir", dir], dir);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/No build at \.mastra\/output\/index\.mjs — run: mastra build --dir /);
  });
});

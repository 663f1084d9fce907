// --prebuilt with the real build pipeline: reused when fresh, refused (with the reason) when
// built for another platform or when a source changed since.
import { cp, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/index.js";
import { run } from "../../src/cli/commands/deploy.js";
import { defaultBuildDriver } from "../../src/deploy/index.js";
import cloudflare from "../../targets/cloudflare/index.js";

const REPO = resolve(import.meta.dirname, "../..");
let root: string;
let base: string;

beforeAll(async () => {
  // A copy we may edit; its node_modules points at the repo's so zod & co. resolve as before.
  base = await mkdtemp(join(tmpdir(), "mastra-prebuilt-"));
  root = join(base, "app");
  await cp(join(import.meta.dirname, "fixture-app"), root, { recursive: true, filter: (src) => !src.includes(".mastra") && !src.endsWith(".env") });
  await symlink(join(REPO, "node_modules"), join(root, "node_modules"), "dir");
  await build({ root, platform: "node" });
}, 120_000);

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), cwd: root, env: {}, driver: defaultBuildDriver() };
  return run(args, io).then((code) => ({ code, out: out.join(""), err: err.join("") }));
}

describe("--prebuilt", () => {
  it("reuses a fresh node build for docker", async () => {
    const r = await cli(["-t", "docker", "--prebuilt", "--dry-run", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.phases[1].note).toMatch(/^reused .mastra\/output/);
    expect(j.artifacts.map((a: { path: string }) => a.path)).toContain("Dockerfile");
  }, 60_000);

  it("refuses when the target's platform has no build yet (the node build is not reused for a worker)", async () => {
    const r = await cli(["-t", "cloudflare", "--prebuilt", "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/^error: --prebuilt refused: no build found in .*\.mastra\/output-worker \(run mastra build --platform worker first\)/);
  });

  it("refuses when a source changed since the build", async () => {
    await writeFile(join(root, "src", "mastra", "extra.ts"), "export const changed = true;\n");
    const r = await cli(["-t", "node", "--prebuilt", "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/^error: --prebuilt refused: the sources changed since the build in \S+ \(run mastra build again\)$/);
  });

  it("for a worker target, the refusal names the build that fixes it: mastra build --platform worker", async () => {
    await build({ root, platform: "worker", entry: cloudflare.entry });
    await writeFile(join(root, "src", "mastra", "extra.ts"), "export const changed = 2;\n");
    const r = await cli(["-t", "cloudflare", "--prebuilt", "--dry-run"]);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/^error: --prebuilt refused: the sources changed since the build in \S+output-worker \(run mastra build --platform worker\)$/);
    await build({ root, platform: "worker", entry: cloudflare.entry });
    expect((await cli(["-t", "cloudflare", "--prebuilt", "--dry-run"])).code).toBe(0);
  }, 120_000);
});

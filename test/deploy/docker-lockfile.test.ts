// The docker output of an app with natives and a package-lock.json: the build cuts an output
// lockfile from the app's, and `npm ci` in the image installs exactly those versions (every
// platform's binary entry is there for an arm64 or musl image), or fails when an entry is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "dockerfile-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build/index.js";
import { deploy, type BuildDriver, type DeployResult } from "../../src/deploy/index.js";
import type { BuildOutput } from "../../src/deploy/target.js";
import { cleanupTemp, emptyDir, REPO } from "../build/helpers.js";
import { copySourcesKeptOut, parseDockerfile } from "../e2e/dockerfile.js";

interface Lock {
  packages: Record<string, { version?: string; integrity?: string; os?: string[]; cpu?: string[]; optional?: boolean; dev?: boolean; dependencies?: Record<string, string> }>;
}

let result: BuildResult;
let deployDir: string;
let driver: BuildDriver;
let nativeInstall: DeployResult["nativeInstall"];
// examples/quickstart resolves its packages from this repo, so the repo's lockfile is the app's.
const appLock = JSON.parse(readFileSync(join(REPO, "package-lock.json"), "utf8")) as Lock;

beforeAll(async () => {
  // Built in place into a temp folder, so parallel test files never race on examples/quickstart/.mastra.
  const outDir = join(emptyDir(), ".mastra", "output");
  result = await build({ root: join(REPO, "examples", "quickstart"), platform: "node", outDir });
  const output: BuildOutput = { dir: result.outDir, files: result.manifest.files.map((f) => f.path), externals: result.manifest.dependencies, platform: "node", ...(result.manifest.nodeModules ? { nodeModules: result.manifest.nodeModules } : {}) };
  driver = { build: async () => output, prebuilt: async () => output, serverSettings: async () => result.manifest.server! };
  const r = await deploy({ root: join(REPO, "examples", "quickstart"), target: "docker", dryRun: true, outDir: join(emptyDir(), "docker"), driver, env: {} });
  deployDir = r.outDir;
  nativeInstall = r.nativeInstall;
}, 240_000);
afterAll(cleanupTemp);

/** `npm ci --omit=dev` of the deploy folder's package.json and lockfile in a fresh folder, as the image's RUN line does. */
function npmCi(lock: Lock): { status: number | null; output: string; dir: string } {
  const dir = emptyDir();
  cpSync(join(deployDir, "package.json"), join(dir, "package.json"));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
  const r = spawnSync("npm", ["ci", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8", timeout: 180_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, dir };
}

describe("docker output with the app's package-lock.json", () => {
  it("the Dockerfile copies the lockfile and installs with npm ci", () => {
    const df = readFileSync(join(deployDir, "Dockerfile"), "utf8");
    expect(df).toContain("COPY --chown=node:node package.json package-lock.json ./");
    expect(df).toContain("RUN npm ci --omit=dev --no-audit --no-fund");
    expect(df).not.toContain("npm install");
    // What deploy prints under its table (and --json's nativeInstall) says the same command.
    expect(nativeInstall).toEqual({ by: "the image", when: "at build", command: "npm ci --omit=dev", packages: ["@libsql/client", "libsql"] });
    expect(validate(df).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    // .dockerignore is an allow-list: a COPY source it does not let in fails the docker build.
    for (const src of parseDockerfile(df).copySources) expect(existsSync(join(deployDir, src)), src).toBe(true);
    expect(copySourcesKeptOut(df, readFileSync(join(deployDir, ".dockerignore"), "utf8"))).toEqual([]);
  });

  it("locks the externals' closure with the app's versions and hashes, every platform's binary included", () => {
    const lock = JSON.parse(readFileSync(join(deployDir, "package-lock.json"), "utf8")) as Lock;
    const pkg = JSON.parse(readFileSync(join(deployDir, "package.json"), "utf8"));
    expect(lock.packages[""]!.dependencies).toEqual(pkg.dependencies);
    const keys = Object.keys(lock.packages).filter((k) => k);
    expect(keys).toEqual(expect.arrayContaining(["node_modules/@libsql/client", "node_modules/libsql", "node_modules/libsql/node_modules/detect-libc", "node_modules/@libsql/linux-arm64-musl", "node_modules/@libsql/linux-x64-gnu", "node_modules/@libsql/darwin-arm64"]));
    // Nothing the app has that the externals do not need (mastra-deploy's own dependencies, say).
    expect(keys).not.toContain("node_modules/rollup");
    for (const k of keys) {
      const mine = lock.packages[k]!;
      const app = appLock.packages[k]!;
      expect({ k, version: mine.version, integrity: mine.integrity, os: mine.os, cpu: mine.cpu }).toEqual({ k, version: app.version, integrity: app.integrity, os: app.os, cpu: app.cpu });
      expect(mine.dev, k).toBeUndefined();
    }
    expect(lock.packages["node_modules/@libsql/linux-arm64-musl"]!.optional).toBe(true);
    expect(lock.packages["node_modules/libsql"]!.optional).toBeUndefined();
  });

  it("npm ci --omit=dev installs exactly the locked versions", () => {
    const lock = JSON.parse(readFileSync(join(deployDir, "package-lock.json"), "utf8")) as Lock;
    const r = npmCi(lock);
    expect(r.status, r.output).toBe(0);
    const installed = JSON.parse(execFileSync("npm", ["ls", "--all", "--json", "--omit=dev"], { cwd: r.dir, encoding: "utf8" })) as { dependencies: Record<string, { version: string }> };
    expect(Object.keys(installed.dependencies).sort()).toEqual(Object.keys(lock.packages[""]!.dependencies!).sort());
    let checked = 0;
    for (const [k, entry] of Object.entries(lock.packages)) {
      if (!k) continue;
      let onDisk: { version?: string } | undefined;
      try {
        onDisk = JSON.parse(readFileSync(join(r.dir, k, "package.json"), "utf8"));
      } catch {
        // Another platform's optional binary: npm skips it here, the image's platform gets its own.
        expect(entry.optional, `${k} not installed`).toBe(true);
        continue;
      }
      expect(onDisk!.version, k).toBe(entry.version);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
    rmSync(r.dir, { recursive: true, force: true });
  }, 200_000);

  it("npm ci refuses a lockfile missing an entry of the closure (so the check above can fail)", () => {
    const lock = JSON.parse(readFileSync(join(deployDir, "package-lock.json"), "utf8")) as Lock;
    delete lock.packages["node_modules/promise-limit"];
    const r = npmCi(lock);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/Missing: promise-limit@/);
  }, 200_000);

  it("the node zip carries the same lockfile, and its README installs with npm ci", async () => {
    const r = await deploy({ root: join(REPO, "examples", "quickstart"), target: "node", dryRun: true, outDir: join(emptyDir(), "node"), driver, env: {} });
    const read = (f: string) => execFileSync("unzip", ["-p", join(r.outDir, "quickstart.zip"), `quickstart/${f}`], { encoding: "utf8" });
    expect(read("package-lock.json")).toBe(readFileSync(join(deployDir, "package-lock.json"), "utf8"));
    expect(JSON.parse(read("package.json")).dependencies).toEqual(JSON.parse(read("package-lock.json")).packages[""].dependencies);
    expect(read("README.md")).toMatch(/^npm ci --omit=dev +# only on another OS\/CPU than /m);
  });
});

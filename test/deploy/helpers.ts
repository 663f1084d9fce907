// A hand-made "build" and app for deploy tests that do not need Rollup: fast and byte-stable.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BuildDriver } from "../../src/deploy/index.js";
import type { BuildOutput } from "../../src/deploy/target.js";

export const FAKE_BUNDLE = `const app = { fetch: async () => new Response("ok") };\nexport default app;\n//# sourceMappingURL=index.mjs.map\n`;
export const FAKE_MAP = JSON.stringify({ version: 3, sources: ["../src/mastra/index.ts"], names: [], mappings: "AAAA;AACA" });

export interface FakeApp {
  root: string;
  buildDir: string;
  driver: BuildDriver;
  cleanup(): Promise<void>;
}

/** A temp app root with package.json, and a driver whose "build" is a fixed folder. */
export async function fakeApp(opts: { name?: string; bundle?: string; map?: string; externals?: Record<string, string>; env?: string; devVars?: string; storage?: BuildOutput["storage"]; nodeModules?: boolean } = {}): Promise<FakeApp> {
  const root = await mkdtemp(join(tmpdir(), "mastra-deploy-test-"));
  await writeFile(join(root, "package.json"), JSON.stringify({ name: opts.name ?? "@acme/Weather App", version: "1.2.3" }));
  if (opts.env) await writeFile(join(root, ".env"), opts.env);
  if (opts.devVars) await writeFile(join(root, ".dev.vars"), opts.devVars);
  const buildDir = join(root, ".mastra", "output");
  await mkdir(buildDir, { recursive: true });
  await writeFile(join(buildDir, "index.mjs"), opts.bundle ?? FAKE_BUNDLE);
  await writeFile(join(buildDir, "index.mjs.map"), opts.map ?? FAKE_MAP);
  const externals = opts.externals ?? {};
  await writeFile(
    join(buildDir, "package.json"),
    `${JSON.stringify({ name: "weather-app", version: "1.2.3", private: true, type: "module", main: "index.mjs", scripts: { start: "node --enable-source-maps index.mjs" }, engines: { node: ">=22" }, dependencies: externals }, null, 2)}\n`,
  );
  // With `nodeModules`: one native-looking package in the build's node_modules, as a node build with externals has.
  const nodeModules = opts.nodeModules ? { builtFor: "linux-x64-glibc", files: 2, bytes: 0, packages: [{ name: "fake-native", version: "1.0.0", path: "node_modules/fake-native" }] } : undefined;
  if (nodeModules) {
    const pkg = join(buildDir, "node_modules", "fake-native");
    await mkdir(pkg, { recursive: true });
    const files = { "package.json": JSON.stringify({ name: "fake-native", version: "1.0.0", main: "index.js" }), "index.js": "module.exports = 1;\n" };
    for (const [f, text] of Object.entries(files)) {
      await writeFile(join(pkg, f), text);
      nodeModules.bytes += Buffer.byteLength(text);
    }
  }
  const output = (platform: BuildOutput["platform"]): BuildOutput => ({ dir: buildDir, files: ["index.mjs", "index.mjs.map", "package.json"], externals, platform, ...(opts.storage ? { storage: opts.storage } : {}), ...(nodeModules ? { nodeModules } : {}) });
  const driver: BuildDriver = {
    build: async (req) => output(req.platform),
    prebuilt: async (req) => output(req.platform),
    serverSettings: async () => ({ port: 3000, timeout: 10000, bodySizeLimit: 4.5 * 1024 * 1024 }),
  };
  return { root, buildDir, driver, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/**
 * A stand-in provider CLI: records argv, cwd and env to `<bin>/<name>.calls.jsonl`, prints
 * what the real one prints on success, and exits with STANDIN_EXIT (default 0).
 */
export async function standInCli(binDir: string, name: string, stdout = ""): Promise<string> {
  await mkdir(binDir, { recursive: true });
  const file = join(binDir, name);
  const script = `#!${process.execPath}
const fs = require("node:fs");
fs.appendFileSync(${JSON.stringify(`${file}.calls.jsonl`)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd(), env: process.env }) + "\\n");
process.stdout.write(${JSON.stringify(stdout)});
if (process.env.STANDIN_EXIT && process.env.STANDIN_EXIT !== "0") { process.stderr.write("stand-in failure: bad credentials\\n"); process.exit(Number(process.env.STANDIN_EXIT)); }
`;
  await writeFile(file, script, { mode: 0o755 });
  return file;
}


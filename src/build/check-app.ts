/**
 * Load the freshly built output once, in a child Node process, before it replaces the
 * previous build — to catch what only running it can show: a `mastra` export that is not
 * a Mastra instance, or a server config the runtime refuses (Mastra validates `server` at
 * construction; createServer validates what it wires) — and to read the app's server
 * settings, which build.json records for deploy (its only source of them).
 *
 * It imports the staged index.mjs itself (no second bundle: that would double the build
 * time). On the node platform the entry would start listening; the check replaces
 * `net.Server.prototype.listen` first, so reaching `listen` means "the app loaded and the
 * server was created" and the process exits without opening a port. The staging folder
 * sits at the same depth as the output, so source maps resolve to the user's .ts files and
 * externals resolve from the app's node_modules.
 *
 * The settings are read from outside the app, so nothing of the check ships in the bundle:
 * the child asks V8 (through node:inspector) for the live objects carrying Mastra's brand
 * and calls their `getServer()`. A worker bundle exports only its handler (workerd refuses
 * other exports), so there is no export to read them from.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { ServerSettings } from "../core/server-settings.js";
import type { StorageSummary } from "./manifest.js";
import { firstAppFrame } from "./code-frame.js";
import { displayPath, type BuildContext } from "./context.js";
import { BuildError, oneLine } from "./errors.js";

const MARK = "@@mastra-build-check ";
/** Loading an app takes well under a second; this only guards against one that never finishes. */
const CHECK_TIMEOUT_MS = 30_000;
export const CHECK_FILE = ".mastra-check.mjs";
/** The runtime entries throw this (see targets/*\/entry.ts) when `mastra` is not a Mastra. */
const NOT_INSTANCE = /not a Mastra instance/;
/** Every field of ServerSettings (the type makes this list complete), picked from `getServer()`. */
const SETTINGS_FIELDS = Object.keys({ port: 1, host: 1, timeout: 1, bodySizeLimit: 1 } satisfies Record<keyof ServerSettings, 1>);

const CHECK_SOURCE = `
import net from "node:net";
import { Session } from "node:inspector/promises";
// The settings of every live Mastra instance (core brands them with this registry symbol).
async function settings() {
  const session = new Session();
  session.connect();
  try {
    const { result: proto } = await session.post("Runtime.evaluate", { expression: "Object.prototype" });
    const { objects } = await session.post("Runtime.queryObjects", { prototypeObjectId: proto.objectId });
    const { result } = await session.post("Runtime.callFunctionOn", {
      objectId: objects.objectId,
      arguments: [{ value: ${JSON.stringify(SETTINGS_FIELDS)} }],
      returnByValue: true,
      functionDeclaration: \`function (fields) {
        const brand = Symbol.for("mastra-deploy.Mastra");
        const found = this.filter((o) => { try { return o[brand] === true && typeof o.getServer === "function"; } catch { return false; } });
        return found.map((m) => {
          const s = m.getServer();
          const server = Object.fromEntries(fields.map((f) => [f, s[f]]));
          const store = typeof m.getStorage === "function" ? m.getStorage() : undefined;
          const storage = store ? { name: String(store.name), shared: store.shared === true, configured: !(typeof m.usesDefaultStorage === "function" && m.usesDefaultStorage()) } : undefined;
          // Agents whose Memory keeps its threads in a store of its own.
          const agents = typeof m.getAgents === "function" ? m.getAgents() : {};
          const memory = Object.entries(agents).flatMap(([agent, a]) => {
            const own = typeof a.getMemory === "function" ? a.getMemory()?.ownStorage : undefined;
            return own && own !== store ? [{ agent, name: String(own.name), shared: own.shared === true }] : [];
          });
          if (storage && memory.length) storage.memory = memory;
          return JSON.stringify({ server, storage });
        });
      }\`,
    });
    return [...new Set(result.value)].map((s) => JSON.parse(s));
  } catch {
    return [];
  } finally {
    session.disconnect();
  }
}
let reported = false;
const report = async (r) => {
  if (reported) return;
  reported = true;
  const servers = await settings();
  process.stdout.write("\\n${MARK}" + JSON.stringify({ ...r, servers }) + "\\n", () => process.exit(0));
};
const fail = (e) => report({ ok: false, name: e && e.name, message: String((e && e.message) || e), stack: String((e && e.stack) || ""), configPath: e && Array.isArray(e.path) ? e.path : undefined });
net.Server.prototype.listen = function () { void report({ ok: true }); return this; };
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);
import("./index.mjs").then(() => report({ ok: true }), fail);
`;

/** What the live Mastra instance reported: its server settings and which store it keeps state in. */
interface InstanceReport {
  server: ServerSettings;
  storage?: StorageSummary;
}

interface CheckReport {
  ok: boolean;
  /** The distinct reports of the Mastra instances alive when the app had loaded. */
  servers: InstanceReport[];
  name?: string;
  message?: string;
  stack?: string;
  /** A MastraConfigError's path to the bad value inside the validated object literal. */
  configPath?: (string | number)[];
}

/** First stack frame inside the app's own files → location (as the build displays it) + frame. */
function appLocation(ctx: BuildContext, stack: string, configPath?: (string | number)[]): { file: string; line: number; column: number; frame?: string } | undefined {
  const found = firstAppFrame(ctx.root, stack, configPath);
  return found && { ...found, file: displayPath(ctx, found.file) };
}

function runNode(file: string, cwd: string): Promise<{ stdout: string; stderr: string; code: number | null; timedOut: boolean }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ["--enable-source-maps", file], {
      cwd,
      // The node entry opens its default store at MASTRA_STORAGE_URL: the check writes no data, so in memory.
      env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", MASTRA_STORAGE_URL: ":memory:" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, CHECK_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ stdout, stderr, code, timedOut });
    });
  });
}

/**
 * Run the check against the output staged in `stagingDir` (holding index.mjs).
 * Throws a BuildError when the app cannot be served; returns warnings for what it could not check.
 */
export async function checkApp(
  ctx: BuildContext,
  stagingDir: string,
  write: (path: string, text: string) => Promise<void>,
): Promise<{ warnings: string[]; server?: ServerSettings; storage?: StorageSummary }> {
  await write(CHECK_FILE, CHECK_SOURCE);
  const result = await runNode(join(stagingDir, CHECK_FILE), ctx.root);
  const app = displayPath(ctx, ctx.appEntry);
  if (result.timedOut) return { warnings: [`Skipped the app check: loading ${app} did not finish within ${CHECK_TIMEOUT_MS / 1000}s`] };
  const line = result.stdout.split("\n").find((l) => l.startsWith(MARK));
  if (!line) {
    const why = oneLine(result.stderr).slice(0, 300) || `exit code ${result.code}`;
    return { warnings: [`Skipped the app check: it did not report (${why})`] };
  }
  const report = JSON.parse(line.slice(MARK.length)) as CheckReport;
  const { server, storage, warnings } = recordedSettings(report.servers, app);
  if (report.ok) return { warnings, server, storage };
  const message = oneLine(report.message ?? "unknown error");
  if (NOT_INSTANCE.test(message)) {
    throw new BuildError("NOT_A_MASTRA_INSTANCE", `${message.replace(/^"mastra"/, `"mastra" exported from ${app}`)} — export new Mastra({ ... })`, { file: app });
  }
  const loc = appLocation(ctx, report.stack ?? "", report.name === "MastraConfigError" ? report.configPath : undefined);
  const where = loc ? ` (${loc.file}:${loc.line}:${loc.column})` : "";
  if (report.name === "MastraConfigError" || /^Invalid (Mastra config|agent|tool|step|workflow|route)/i.test(message)) {
    throw new BuildError("INVALID_CONFIG", `${message}${where}`, { file: loc?.file ?? app, line: loc?.line, column: loc?.column, frame: loc?.frame });
  }
  // Anything else (a missing env var, a database that is down, an API only workerd has) is
  // the deployment's business, not the build's: CI builds without production secrets.
  return { warnings: [`Loading the built app in Node threw: ${message}${where} — the build is written; check this before deploying`, ...warnings], server, storage };
}

/** One Mastra instance (or several configured alike) gives the settings; differing ones give none. */
function recordedSettings(instances: InstanceReport[], app: string): { server?: ServerSettings; storage?: StorageSummary; warnings: string[] } {
  if (instances.length <= 1) return { server: instances[0]?.server, storage: instances[0]?.storage, warnings: [] };
  return { warnings: [`${app} creates ${instances.length} Mastra instances with different server or storage settings; build.json records none, so targets that need the port or timeout cannot deploy it`] };
}

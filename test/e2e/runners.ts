// How each target's packaged output is run here, the way its platform runs it.
// Every runner returns a `send` for the conformance suite and a `stop` that cleans up.
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { freePort } from "../helpers/process.js";
import { FUNCTION_DIR } from "../../targets/netlify/index.js";
import type { Capabilities, Send } from "./conformance.js";

const execFileP = promisify(execFile);

export interface Running {
  send: Send;
  stop(): Promise<void>;
  /** Which runtime actually served: shown in test names so a fallback is never hidden. */
  runtime: string;
  caps?: Capabilities;
}

/** Wait until the server answers /health (readiness, like a load balancer does), or fail with its output. */
async function waitReady(base: string, child: ChildProcess, output: () => string): Promise<void> {
  let exited = false;
  child.once("exit", () => (exited = true));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error(`server exited before it was ready:\n${output()}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server not ready after 30 s:\n${output()}`);
}

/** Start a command in its own process group (npm spawns node: both must go on stop). */
async function startProcess(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, port: number, runtime: string): Promise<Running & { output(): string }> {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    await exited;
  };
  try {
    await waitReady(base, child, () => out);
  } catch (e) {
    await stop();
    throw e;
  }
  return { runtime, send: (path, init) => fetch(base + path, init), stop, output: () => out };
}

/** node: unzip the zip into a temp folder and `npm start` there, as the README says. */
export async function runNodeZip(zipFile: string): Promise<Running & { dir: string }> {
  const tmp = await mkdtemp(join(tmpdir(), "mastra-e2e-node-"));
  await execFileP("unzip", ["-q", zipFile, "-d", tmp]);
  const [folder] = await readdir(tmp);
  const dir = join(tmp, folder);
  const port = await freePort();
  // Only Node and npm: PATH, HOME for npm; no NODE_PATH, nothing from this repo.
  const env = { PATH: process.env.PATH, HOME: tmp, PORT: String(port), HOST: "127.0.0.1", npm_config_update_notifier: "false" };
  const running = await startProcess("npm", ["start", "--silent"], dir, env, port, "npm start (Node)");
  return {
    ...running,
    dir,
    stop: async () => {
      await running.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * docker: run the Dockerfile's exec-form CMD with its ENV, the folder as working directory.
 * Without a Docker engine the image's `RUN npm install` (natives at the versions the build
 * pinned) cannot run: `installed`, the build's own node_modules of those same packages, stands in
 * for it, linked into the folder while the server runs. Each VOLUME is a temp folder: an ENV
 * `file:` URL under it points into that folder instead (as root, this machine's /data is writable).
 */
export async function runDockerCmd(
  folder: string,
  dockerfile: { env: Record<string, string>; cmd: string[]; instructions: { keyword: string; args: string }[] },
  installed?: string,
): Promise<Running & { volumes: string }> {
  const port = await freePort();
  const [exe, ...args] = dockerfile.cmd;
  // The image's `node` is the Node on PATH here (the image's is 22; see the test note).
  const cmd = exe === "node" ? process.execPath : exe;
  const volumes = await mkdtemp(join(tmpdir(), "mastra-e2e-docker-volumes-"));
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, ...dockerfile.env, PORT: String(port), HOST: "127.0.0.1" };
  for (const v of dockerfile.instructions.filter((i) => i.keyword === "VOLUME").flatMap((i) => JSON.parse(i.args) as string[])) {
    for (const [k, value] of Object.entries(env)) if (value?.startsWith(`file:${v}/`)) env[k] = `file:${volumes}${value.slice("file:".length)}`;
  }
  const installs = dockerfile.instructions.some((i) => i.keyword === "RUN" && /\bnpm (install|ci)\b/.test(i.args));
  const linked = join(folder, "node_modules");
  if (installs) {
    if (!installed || !existsSync(installed)) throw new Error(`the Dockerfile installs packages, and no node_modules stands in for that step (${installed})`);
    await symlink(installed, linked, "dir");
  }
  const cleanup = async () => {
    if (installs) await rm(linked, { force: true });
    await rm(volumes, { recursive: true, force: true });
  };
  try {
    const running = await startProcess(cmd, args, folder, env as NodeJS.ProcessEnv, port, "Dockerfile CMD (Node)");
    return {
      ...running,
      volumes,
      stop: async () => {
        await running.stop();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** cloudflare: the worker module in workerd, through Miniflare, with wrangler.toml's settings. */
export async function runWorker(folder: string, settings: { main: string; compatibility_date: string; compatibility_flags: string[] }): Promise<Running> {
  const { Miniflare } = await import("miniflare");
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(folder, settings.main),
    // Module names are paths relative to this root; the default (cwd) would need "..".
    modulesRoot: folder,
    compatibilityDate: settings.compatibility_date,
    compatibilityFlags: settings.compatibility_flags,
    // Without this Miniflare fetches request.cf data from the network.
    cf: false,
  });
  await mf.ready;
  return {
    runtime: "workerd (Miniflare)",
    // Miniflare does not pass a client's disconnect on to the worker's response stream.
    caps: { sharedState: true, disconnectReachesApp: false },
    send: async (path, init) => (await mf.dispatchFetch(`http://localhost${path}`, init as never)) as unknown as Response,
    stop: () => mf.dispose(),
  };
}

/**
 * vercel: the packaged function served by Vercel's own local Node runtime, the dev server that
 * `vercel dev` runs (`@vercel/node`'s dist/dev-server.mjs): started in the `.func` folder with
 * the `.vc-config.json` handler as VERCEL_DEV_ENTRYPOINT, it imports the module, detects its Web
 * handler exports and serves them over HTTP, with the `@vercel/request-context` waitUntil that
 * it awaits before exiting. It runs one function: config.json's routing is checked on the file.
 */
export async function runVercel(funcDir: string): Promise<Running & { output(): string }> {
  const vc = JSON.parse(readFileSync(join(funcDir, ".vc-config.json"), "utf8")) as { handler: string; launcherType: string };
  if (vc.launcherType !== "Nodejs") throw new Error(`launcherType ${vc.launcherType}`);
  const devServer = createRequire(import.meta.url).resolve("@vercel/node/dist/dev-server.mjs");
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOME: funcDir, VERCEL_DEV_ENTRYPOINT: vc.handler, VERCEL_DEV_PORT: String(port) };
  const running = await startProcess(process.execPath, [devServer], funcDir, env, port, "@vercel/node dev server (Vercel's local Node runtime)");
  // The dev server pipes the function's response on without cancelling it when the client goes
  // away; vercel.e2e.test.ts shows the function stops its work when the response is cancelled.
  return { ...running, caps: { sharedState: true, disconnectReachesApp: false } };
}

/** A Netlify-shaped context (the fields Functions v2 gives a handler). */
function netlifyContext(url: URL) {
  return {
    account: { id: "local" },
    cookies: { get: () => undefined, set: () => {}, delete: () => {} },
    deploy: { context: "dev", id: "0", published: false },
    geo: { city: "", country: { code: "", name: "" }, subdivision: { code: "", name: "" }, timezone: "UTC", latitude: 0, longitude: 0 },
    ip: "127.0.0.1",
    params: {},
    requestId: "local",
    server: { region: "local" },
    site: { id: "local", name: "local", url: url.origin },
    url,
    waitUntil: () => {},
  };
}

/** netlify fallback: import the function file and call its default export with (Request, context). */
export async function runNetlifyDirect(folder: string, fnFile: string): Promise<Running> {
  const mod = (await import(pathToFileURL(join(folder, fnFile)).href)) as { default: (r: Request, c: unknown) => Promise<Response>; config?: { path?: string } };
  const pattern = mod.config?.path ?? "";
  return {
    runtime: "Netlify function called directly with (Request, context) — @netlify/dev not used",
    async send(path, init) {
      const url = new URL(path, "https://app.netlify.example");
      if (pattern !== "/*") return new Response("config.path does not cover every path", { status: 404 });
      return mod.default(new Request(url, init), netlifyContext(url));
    },
    stop: async () => {},
  };
}

export { existsSync };

/**
 * netlify: Netlify's own local runtime (@netlify/dev) serves the folder when it can here;
 * otherwise the function is called directly. `runtime` says which one ran.
 */
export async function runNetlify(folder: string): Promise<Running> {
  try {
    const { NetlifyDev } = await import("@netlify/dev");
    const dev = new NetlifyDev({
      projectRoot: folder,
      // Where unmatched requests would be proxied (a framework dev server); nothing listens
      // there, so a request the function does not take fails loudly instead of passing.
      serverAddress: `http://127.0.0.1:${await freePort()}`,
      skipGitignore: true,
      blobs: { enabled: false },
      database: { enabled: false },
      edgeFunctions: { enabled: false },
      geolocation: { enabled: false },
      images: { enabled: false },
      aiGateway: { enabled: false },
      staticFiles: { enabled: false },
      environmentVariables: { enabled: false },
    } as never);
    await dev.start();
    const probe = await dev.handleAndIntrospect(new Request("http://localhost/health"));
    if (!probe || probe.type !== "function" || probe.response.status !== 200) throw new Error(`@netlify/dev did not route /health to the function (${probe?.type})`);
    return {
      runtime: "@netlify/dev (Netlify's local functions runtime)",
      caps: { sharedState: false, disconnectReachesApp: true },
      async send(path, init) {
        const r = await dev.handleAndIntrospect(new Request(new URL(path, "http://localhost"), init));
        return r ? r.response : new Response("no Netlify match", { status: 404 });
      },
      stop: () => dev.stop(),
    };
  } catch (e) {
    console.warn(`[netlify] @netlify/dev could not run here (${(e as Error).message.split("\n")[0]}); calling the function directly`);
    return runNetlifyDirect(folder, `${FUNCTION_DIR}/index.mjs`);
  }
}

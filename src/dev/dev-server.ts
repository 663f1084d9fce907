/**
 * `mastra dev` without the command line: watch-build the app, run it in a server process
 * behind a proxy on the public port, and swap in a new process after every good build.
 *
 * A reload: change seen → incremental build → a warm spare process imports the new bundle →
 * it answers /health → the proxy switches to it → the old process drains and exits. Any
 * failure along the way (build error, the new server throws while loading) leaves the proxy
 * on the last good server. Nothing here prints: everything is reported as events.
 */
import { watch as watchFs, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import { performance } from "node:perf_hooks";
import { releaseEsbuild } from "../build/esbuild-service.js";
import { DevPlayground } from "../playground/dev-playground.js";
import { badPortMessage, parsePort } from "../server/port.js";
import type { BuildError } from "../build/errors.js";
import { loadDevEnv, sameEnv, type DevEnv } from "./env-files.js";
import { listenWithFallback } from "./listen.js";
import { DevProxy, type Upstream } from "./proxy.js";
import type { ServerReady } from "./protocol.js";
import { ServerLoadError, ServerProcess } from "./server-process.js";
import { watchBuild, type DevBundle, type WatchBuild } from "./watch-build.js";

export interface DevServerOptions {
  root: string;
  /** --port: wins over PORT, server.port and 4111. */
  port?: number;
  /** --env: one more env file, after .env.development. */
  envFile?: string;
  /** The shell's environment (wins over every env file). */
  shellEnv: Record<string, string | undefined>;
  /** How server processes print: straight to the terminal, or through `onServerOutput`. */
  stdio: "inherit" | "pipe";
  onServerOutput?: (stream: "stdout" | "stderr", text: string) => void;
  report: (event: DevEvent) => void;
}

export type DevEvent =
  | { type: "env"; files: string[]; variables: number }
  | { type: "port-taken"; wanted: number; using: number }
  | { type: "ready"; url: string; port: number; host: string; ms: number }
  | { type: "reloaded"; ms: number; buildMs: number; startMs: number; changed: string[]; pid: number }
  | { type: "unchanged"; changed: string[] }
  | { type: "build-error"; error: BuildError; serving: boolean }
  | { type: "start-error"; error: ServerLoadError; serving: boolean }
  | { type: "env-error"; message: string }
  | { type: "crashed"; code: number | null; signal: string | null }
  | { type: "warning"; message: string };

export interface DevServer {
  /** Stop the watcher, free the port, stop every server process. Idempotent. */
  stop(): Promise<void>;
  /** The pids of the server processes that are running now (for tests and diagnostics). */
  pids(): number[];
}

interface Job {
  bundle: DevBundle;
  /** When the change that led here was seen (the reload time starts there). */
  since: number;
  changed: string[];
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { root, report } = options;
  const startedAt = performance.now();
  let env: DevEnv = loadDevEnv(root, options.shellEnv, options.envFile);
  if (env.loaded.length) report({ type: "env", files: env.loaded, variables: env.fileKeys.length });

  const playground = new DevPlayground();
  const proxy = new DevProxy(playground);
  let current: ServerProcess | undefined;
  let spare: ServerProcess | undefined;
  let lastBundle: DevBundle | undefined;
  const retiring = new Set<Promise<void>>();
  let stopping = false;

  // What changed since the last reload, and since when.
  let changed: string[] = [];
  let changeSince: number | undefined;

  const spawnServer = (preload: string[]) =>
    new ServerProcess({ cwd: root, env: env.env, preload, stdio: options.stdio, onOutput: options.onServerOutput });

  /** The warm spare if it was started with today's environment, else a fresh process. */
  const takeServer = (preload: string[]): ServerProcess => {
    const s = spare;
    spare = undefined;
    if (s && s.running && s.env === env.env) return s;
    s?.kill();
    return spawnServer(preload);
  };

  const ensureSpare = () => {
    if (stopping || spare || !lastBundle) return;
    spare = spawnServer(lastBundle.externals);
  };

  const watchCurrent = (server: ServerProcess) => {
    void server.whenExited().then(({ code, signal }) => {
      if (stopping || current !== server) return;
      current = undefined;
      proxy.setUnavailable(`mastra dev: the server exited (${signal ?? `code ${code}`}); save a file to start it again`);
      report({ type: "crashed", code, signal });
    });
  };

  const retire = (server: ServerProcess, upstream: Upstream | undefined) => {
    const p = (async () => {
      if (upstream) await proxy.release(upstream);
      await server.stop();
      upstream?.agent.destroy();
    })();
    retiring.add(p);
    void p.finally(() => retiring.delete(p));
  };

  // "ready in" counts from the start, or from the save that fixed a first build that failed:
  // the time a person spent writing the fix is not the server's.
  let waitedForFix = false;
  const goLive = async ({ settings }: ServerReady, job: Job) => {
    const fromEnv = env.env.PORT ? parsePort(env.env.PORT) : undefined;
    if (env.env.PORT && fromEnv === undefined) throw new Error(badPortMessage("PORT", env.env.PORT));
    const wanted = options.port ?? fromEnv ?? settings.port;
    const host = settings.host ?? env.env.HOST ?? "0.0.0.0";
    const port = await listenWithFallback(proxy, wanted, host);
    publicHost = `localhost:${port}`;
    if (port !== wanted && wanted !== 0) report({ type: "port-taken", wanted, using: port });
    const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
    report({ type: "ready", url: `http://${shown}:${port}`, port, host, ms: Math.round(performance.now() - (waitedForFix ? job.since : startedAt)) });
  };

  let loading: ServerProcess | undefined;
  let publicHost: string | undefined;
  const swap = async (job: Job) => {
    const server = takeServer(job.bundle.externals);
    loading = server;
    const loadStarted = performance.now();
    let ready;
    try {
      ready = await server.load(job.bundle.file, { host: publicHost });
      loading = undefined;
    } catch (err) {
      server.kill();
      if (stopping) return;
      if (!(err instanceof ServerLoadError)) throw err;
      report({ type: "start-error", error: err, serving: current !== undefined });
      if (!proxy.listening) waitedForFix = true;
      ensureSpare();
      return;
    }
    if (stopping) {
      server.kill();
      return;
    }
    const first = !proxy.listening;
    if (first) {
      try {
        await goLive(ready, job);
      } catch (err) {
        server.kill();
        throw err;
      }
    }
    const previous = current;
    current = server;
    const upstream = proxy.switchTo(ready.port);
    playground.serverChanged(`${server.pid ?? 0}:${ready.port}`);
    watchCurrent(server);
    if (!first) {
      const now = performance.now();
      report({
        type: "reloaded",
        ms: Math.round(now - job.since),
        buildMs: job.bundle.durationMs,
        startMs: Math.round(now - loadStarted),
        changed: job.changed,
        pid: server.pid ?? 0,
      });
    }
    if (previous) retire(previous, upstream);
    ensureSpare();
  };

  // Builds can finish while a swap is in progress: run swaps one at a time, and of several
  // waiting only the newest matters.
  let pending: Job | undefined;
  let swapping: Promise<void> | undefined;
  const schedule = (job: Job) => {
    pending = job;
    swapping ??= (async () => {
      while (pending && !stopping) {
        const next = pending;
        pending = undefined;
        try {
          await swap(next);
        } catch (err) {
          report({ type: "start-error", error: new ServerLoadError({ name: "Error", message: (err as Error).message, stack: "" }, null), serving: current !== undefined });
        }
      }
      swapping = undefined;
    })();
  };

  const takeChanges = (): { since: number; changed: string[] } => {
    const result = { since: changeSince ?? performance.now(), changed };
    changed = [];
    changeSince = undefined;
    return result;
  };

  const builder: WatchBuild = await watchBuild(root, {
    onChange(file) {
      changeSince ??= performance.now();
      if (!changed.includes(file)) changed.push(file);
    },
    onBuilt(bundle) {
      const { since, changed: files } = takeChanges();
      if (!bundle.changed && current) {
        report({ type: "unchanged", changed: files });
        return;
      }
      lastBundle = bundle;
      schedule({ bundle, since, changed: files });
    },
    onError(error) {
      takeChanges();
      if (!proxy.listening) waitedForFix = true;
      report({ type: "build-error", error, serving: current !== undefined });
    },
    onWarning(message) {
      report({ type: "warning", message });
    },
  });

  // .env files are not part of the bundle: watch their folders and restart on a real change.
  const envWatchers: FSWatcher[] = [];
  let envTimer: NodeJS.Timeout | undefined;
  const onEnvFileEvent = (name: string) => {
    changeSince ??= performance.now();
    if (!changed.includes(name)) changed.push(name);
    clearTimeout(envTimer);
    // Editors save in several steps (truncate, write, rename): read once they are done.
    envTimer = setTimeout(() => {
      let next: DevEnv;
      try {
        next = loadDevEnv(root, options.shellEnv, options.envFile);
      } catch (err) {
        takeChanges();
        report({ type: "env-error", message: (err as Error).message });
        return;
      }
      if (sameEnv(next.env, env.env)) {
        takeChanges();
        return;
      }
      env = next;
      // The spare was started with the old environment.
      spare?.kill();
      spare = undefined;
      if (lastBundle) schedule({ bundle: lastBundle, ...takeChanges() });
    }, 30);
  };
  const byDir = new Map<string, Set<string>>();
  for (const f of env.files) {
    const set = byDir.get(dirname(f)) ?? new Set<string>();
    set.add(basename(f));
    byDir.set(dirname(f), set);
  }
  for (const [dir, names] of byDir) {
    try {
      const w = watchFs(dir, (_event, filename) => {
        if (filename && names.has(filename.toString())) onEnvFileEvent(filename.toString());
      });
      w.unref();
      envWatchers.push(w);
    } catch {
      // A folder that cannot be watched only loses env reloads, not the session.
    }
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      clearTimeout(envTimer);
      for (const w of envWatchers) w.close();
      await builder.close();
      await proxy.stopListening();
      spare?.kill();
      loading?.kill();
      const last = current;
      current = undefined;
      await Promise.all([last?.stop(), spare?.whenExited(), loading?.whenExited(), ...retiring]);
      await swapping;
      proxy.closeAllConnections();
      await releaseEsbuild();
    })());

  const pids = () => [current, spare].filter((s): s is ServerProcess => !!s && s.running).map((s) => s.pid!);
  return { stop, pids };
}

// The node platform's default store: an app with no `storage` keeps its workflow runs and memory
// threads in a SQLite file (libSQL) under the working directory, .mastra/data/mastra.db, or where
// MASTRA_STORAGE_URL says; a server restart loses nothing, and the output folder runs from a copy
// with no node_modules above it (libSQL's client and binary travel in its node_modules).
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../../src/build/index.js";
import { LibSQLStore } from "../../src/stores/libsql/index.js";
import { cleanupTemp, copyFixture, emptyDir } from "../build/helpers.js";
import { startProcess, type Started } from "../helpers/process.js";

let result: BuildResult;
beforeAll(async () => {
  result = await build({ root: copyFixture("default-store-app"), platform: "node" });
}, 240_000);
afterAll(cleanupTemp);

const LISTENING = /listening on (http:\/\/\S+)/;

/** `node <outDir>/index.mjs` from `cwd`, as `node .mastra/output/index.mjs` runs from a project root. */
async function start(outDir: string, cwd: string, env: Record<string, string> = {}): Promise<Started & { url: string }> {
  const started = await startProcess(process.execPath, [join(outDir, "index.mjs")], {
    cwd,
    env: { PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", MASTRA_STORAGE_URL: "", ...env },
    ready: LISTENING,
  });
  return Object.assign(started, { url: LISTENING.exec(started.output())![1]! });
}

async function json(res: Response | Promise<Response>): Promise<any> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return r.json();
}

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the default store of a node output", () => {
  it("the build copies libSQL into the output for it, and the app check sees its file store and that the app configured none", () => {
    expect(result.externals.map((e) => e.name)).toContain("@libsql/client");
    expect(result.nodeModules?.packages.map((p) => p.name)).toEqual(expect.arrayContaining(["@libsql/client", "libsql"]));
    expect(result.manifest.storage).toEqual({ name: "libsql", shared: false, configured: false });
  });

  it("keeps a workflow run and a memory thread in .mastra/data/mastra.db under the working directory, across a restart", async () => {
    const project = emptyDir();
    const first = await start(result.outDir, project);
    try {
      expect(first.output()).toContain(join(project, ".mastra", "data", "mastra.db"));
      expect(await json(post(`${first.url}/api/workflows/countWorkflow/start-async?runId=kept`, { inputData: { n: 21 } }))).toMatchObject({ status: "success", result: { n: 42 } });
      await json(post(`${first.url}/api/memory/threads?agentId=notes`, { resourceId: "user-1", threadId: "thread-1", title: "kept" }));
    } finally {
      await first.stop();
    }
    expect(existsSync(join(project, ".mastra", "data", "mastra.db"))).toBe(true);

    const second = await start(result.outDir, project);
    try {
      expect(await json(fetch(`${second.url}/api/workflows/countWorkflow/runs/kept`))).toMatchObject({ runId: "kept", status: "success" });
      expect(await json(fetch(`${second.url}/api/memory/threads/thread-1?agentId=notes`))).toMatchObject({ id: "thread-1", resourceId: "user-1", title: "kept" });
    } finally {
      await second.stop();
    }
  });

  it("MASTRA_STORAGE_URL moves the file (its folder is created), and nothing is written at the default path", async () => {
    const cwd = emptyDir();
    const file = join(emptyDir(), "state", "nested", "runs.db");
    const server = await start(result.outDir, cwd, { MASTRA_STORAGE_URL: `file:${file}` });
    try {
      await json(post(`${server.url}/api/workflows/countWorkflow/start-async?runId=moved`, { inputData: { n: 1 } }));
    } finally {
      await server.stop();
    }
    expect(existsSync(join(cwd, ".mastra"))).toBe(false);
    const store = new LibSQLStore({ url: `file:${file}` });
    expect(await store.workflows.getRun("countWorkflow", "moved")).toMatchObject({ status: "success", snapshot: { result: { n: 2 } } });
    await store.close();
  });

  it("a copy of the output folder elsewhere, with no node_modules above it, starts and keeps runs", async () => {
    const copy = join(emptyDir(), "app");
    cpSync(result.outDir, copy, { recursive: true });
    const server = await start(copy, copy);
    try {
      await json(post(`${server.url}/api/workflows/countWorkflow/start-async?runId=copied`, { inputData: { n: 3 } }));
    } finally {
      await server.stop();
    }
    const store = new LibSQLStore({ url: `file:${join(copy, ".mastra", "data", "mastra.db")}` });
    expect(await store.workflows.getRun("countWorkflow", "copied")).toMatchObject({ status: "success" });
    await store.close();
  });

  it("a folder it cannot create is one error line and exit 1, not a stack trace", async () => {
    const blocker = join(emptyDir(), "file");
    cpSync(join(result.outDir, "package.json"), blocker);
    const started = startProcess(process.execPath, [join(result.outDir, "index.mjs")], {
      cwd: emptyDir(),
      env: { PORT: "0", HOST: "127.0.0.1", MASTRA_STORAGE_URL: `file:${join(blocker, "sub", "x.db")}` },
      ready: LISTENING,
    });
    await expect(started).rejects.toThrow(/exited with 1 before it was ready; output:\nerror: cannot create .*: set MASTRA_STORAGE_URL to a writable file:\/path, or give the app a storage\n$/);
  });
});

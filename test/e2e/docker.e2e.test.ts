// docker: the Dockerfile is linted and read; its exec-form CMD is run with its ENV (no Docker
// engine here, so the image itself is not built) against the shared suite.
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { LibSQLStore } from "../../src/stores/libsql/index.js";
import { copySourcesKeptOut, parseDockerfile } from "./dockerfile.js";
import { runDockerCmd } from "./runners.js";
import type { DeployResult } from "../../src/deploy/index.js";
import { deployApp, describeConformance, describeSecretScan } from "./target-suite.js";
import { TEMPLATE_APP } from "./template-checks.js";

const deployed = deployApp("docker");

describeSecretScan("docker", deployed);

describe("docker: the Dockerfile itself", () => {
  it("passes the Dockerfile linter with no diagnostics", async () => {
    const text = await readFile(join(deployed.result().outDir, "Dockerfile"), "utf8");
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("every path it COPYs exists in the folder, and nothing else needs to", async () => {
    const dir = deployed.result().outDir;
    const df = parseDockerfile(await readFile(join(dir, "Dockerfile"), "utf8"));
    expect(df.copySources.length).toBeGreaterThan(0);
    for (const src of df.copySources) expect(existsSync(join(dir, src)), src).toBe(true);
    expect(copySourcesKeptOut(await readFile(join(dir, "Dockerfile"), "utf8"), await readFile(join(dir, ".dockerignore"), "utf8"))).toEqual([]);
    expect(df.from).toEqual(["node:22-slim"]);
    expect(df.env.NODE_ENV).toBe("production");
    expect(df.instructions.some((i) => i.keyword === "USER" && i.args !== "root")).toBe(true);
    expect(df.instructions.find((i) => i.keyword === "EXPOSE")?.args).toBe("4567");
    expect(df.instructions.find((i) => i.keyword === "HEALTHCHECK")?.args).toContain("/health");
  });

  it("keeps an app without storage in a SQLite file on a /data volume the runtime user owns", async () => {
    const df = parseDockerfile(await readFile(join(deployed.result().outDir, "Dockerfile"), "utf8"));
    expect(df.env.MASTRA_STORAGE_URL).toBe("file:/data/mastra.db");
    const at = (keyword: string, args?: RegExp) => df.instructions.findIndex((i) => i.keyword === keyword && (!args || args.test(i.args)));
    expect(df.instructions[at("VOLUME")]?.args).toBe('["/data"]');
    // Made and chowned as root, before USER: a named volume takes that folder's owner.
    expect(at("RUN", /^mkdir -p \/data && chown node:node \/data$/)).toBeGreaterThan(-1);
    expect(at("RUN", /chown node:node \/data/)).toBeLessThan(at("USER"));
    expect(df.instructions.find((i) => i.keyword === "USER")?.args).toBe("node");
    // libSQL's native client is installed in the image for its own OS/CPU, not copied from the build.
    expect(at("RUN", /^npm install --omit=dev/)).toBeGreaterThan(-1);
    expect(deployed.result().artifacts.filter((a) => a.path.startsWith("node_modules/"))).toEqual([]);
    const k8s = await readFile(join(deployed.result().outDir, "k8s.yaml"), "utf8");
    expect(k8s).toMatch(/^  replicas: 1$/m);
    expect(k8s).toContain("For more replicas, give the app a shared store");
  });
});

describe("docker: an app's relative file: URLs", () => {
  // Read from the Dockerfile, not run: without an engine the image's filesystem and its users do
  // not exist here (the runner below runs the CMD in a temp folder whose parent anyone can write).
  it("land in folders the runtime user owns (the template's file:../mastra.db is /app/mastra.db)", async () => {
    const df = parseDockerfile(await readFile(join(deployed.result().outDir, "Dockerfile"), "utf8"));
    const workdir = df.instructions.filter((i) => i.keyword === "WORKDIR").at(-1)?.args;
    expect(workdir).toBe("/app/server");
    const userAt = df.instructions.findIndex((i) => i.keyword === "USER");
    const owned = df.instructions
      .slice(0, userAt)
      .filter((i) => i.keyword === "RUN")
      .flatMap((i) => /\bchown node:node ((?:\/\S*\s*)+)/.exec(i.args)?.[1]?.trim().split(/\s+/) ?? []);
    for (const url of ["file:../mastra.db", "file:./mastra.db", "file:mastra.db"]) {
      const file = posix.resolve(workdir!, url.slice("file:".length));
      expect(owned, `${url} → ${file}`).toContain(posix.dirname(file));
    }
  });
});

describe("docker: the default store on its volume", () => {
  it("a run lands in mastra.db in the folder mounted at /data", async () => {
    const dir = deployed.result().outDir;
    const server = await runDockerCmd(dir, parseDockerfile(readFileSync(join(dir, "Dockerfile"), "utf8")), join(deployed.result().buildDir, "node_modules"));
    try {
      const res = await server.send("/api/workflows/mathWorkflow/start-async?runId=on-volume", {
        method: "POST",
        headers: { "content-type": "application/json", Authorization: "Bearer test-token" },
        body: JSON.stringify({ inputData: { n: 2 } }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      const store = new LibSQLStore({ url: `file:${join(server.volumes, "data", "mastra.db")}` });
      expect(await store.workflows.getRun("mathWorkflow", "on-volume")).toMatchObject({ status: "success" });
      await store.close();
    } finally {
      await server.stop();
    }
  }, 120_000);
});

async function start(r: DeployResult) {
  const df = parseDockerfile(readFileSync(join(r.outDir, "Dockerfile"), "utf8"));
  return runDockerCmd(r.outDir, df, join(r.buildDir, "node_modules"));
}

describeConformance("docker", deployed, start);

describeConformance("docker", deployApp("docker", TEMPLATE_APP), start);

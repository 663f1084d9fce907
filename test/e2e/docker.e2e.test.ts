// docker: the Dockerfile is linted and read; its exec-form CMD is run with its ENV (no Docker
// engine here, so the image itself is not built) against the shared suite.
import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile.js";
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
    expect(df.from).toEqual(["node:22-slim"]);
    expect(df.env.NODE_ENV).toBe("production");
    expect(df.instructions.some((i) => i.keyword === "USER" && i.args !== "root")).toBe(true);
    expect(df.instructions.find((i) => i.keyword === "EXPOSE")?.args).toBe("4567");
    expect(df.instructions.find((i) => i.keyword === "HEALTHCHECK")?.args).toContain("/health");
  });
});

async function start(r: DeployResult) {
  const df = parseDockerfile(readFileSync(join(r.outDir, "Dockerfile"), "utf8"));
  return runDockerCmd(r.outDir, df, join(r.buildDir, "node_modules"));
}

describeConformance("docker", deployed, start);

describeConformance("docker", deployApp("docker", TEMPLATE_APP), start);

// `mastra deploy` run as a person runs it (the real bin, compiled by `npm run build`): exit codes
// as the README says, one error style, and a several-target run that tries every target and ends
// with a table — on the real build pipeline, with no provider CLI installed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanupTemp, copyFixture, emptyDir, REPO } from "../build/helpers.js";

const BIN = join(REPO, "bin", "mastra.js");
afterAll(() => cleanupTemp());

function mastra(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("mastra deploy: the command line", () => {
  it("an unknown target is a wrong command line: exit 2, with a did-you-mean", () => {
    const r = mastra(["deploy", "--target", "clouflare", "--dry-run"], emptyDir());
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe('error: Unknown target "clouflare": did you mean cloudflare?');
  });

  it("a setting for a target that does not take it: exit 2", () => {
    const r = mastra(["deploy", "--target", "docker", "--prod", "--dry-run"], emptyDir());
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe("error: --prod is an option of vercel; --target docker does not take it");
  });

  it("--help says what --prebuilt reuses for each platform, and lists the targets' options", () => {
    const r = mastra(["deploy", "--help"], emptyDir());
    expect(r.code).toBe(0);
    expect(r.out).toContain(".mastra/output-worker (`mastra build --platform worker`)");
    for (const flag of ["--wrangler", "--plan", "--image", "--prod"]) expect(r.out).toContain(`  ${flag}`);
  });

  it("a deploy error has the error: prefix like every other command's, exit 1", () => {
    const dir = emptyDir();
    const r = mastra(["deploy", "--target", "node", "--dry-run"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: No Mastra entry: looked for /);
  });

  it("a build error reaches deploy --json unchanged: the same code, location, frame and detail as build --json", () => {
    const app = copyFixture("basic-app");
    writeFileSync(join(app, "src", "mastra", "greet.ts"), "export function greet(name: string: string {}\n");
    const built = mastra(["build", "--json"], app);
    const deployed = mastra(["deploy", "--target", "node", "--dry-run", "--json"], app);
    expect([built.code, deployed.code]).toEqual([1, 1]);
    const error = JSON.parse(built.out).error;
    expect(error).toMatchObject({ code: "SYNTAX_ERROR", file: "src/mastra/greet.ts", line: 1, frame: expect.stringContaining("^"), detail: [] });
    expect(JSON.parse(deployed.out)).toEqual({ ok: false, error, exitCode: 1 });
    // Printed the same way too: the line, then the frame.
    expect(deployed.err).toBe(built.err);
  }, 120_000);
});

describe("mastra deploy --target all without any provider CLI", () => {
  it("checks every target first, builds only what can go, tries each, and ends with a table; exit 1", async () => {
    const app = copyFixture("basic-app");
    const noClis = join(app, "no-clis");
    mkdirSync(noClis);
    const child = spawn(process.execPath, [BIN, "deploy", "--target", "all"], { cwd: app, env: { ...process.env, PATH: noClis }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(1);
    const table = out.slice(out.indexOf("4 of 5 targets failed:"));
    expect(table).toMatch(/^ {2}node\s+packaged\s/m);
    for (const [target, cli] of [["cloudflare", "wrangler"], ["vercel", "vercel"], ["netlify", "netlify"], ["docker", "docker"]]) {
      expect(table).toMatch(new RegExp(`^  ${target}\\s+failed at target\\s+\\d+ ms\\s+${cli} CLI not found`, "m"));
      expect(err).toContain(`error: ${target}: ${cli} CLI not found`);
    }
    // Only the node bundle was built: no worker build for targets that could not upload anyway.
    expect(existsSync(join(app, ".mastra", "output", "index.mjs"))).toBe(true);
    expect(existsSync(join(app, ".mastra", "output-worker"))).toBe(false);
    expect(existsSync(join(app, ".mastra", "deploy", "node", "basic-app.zip"))).toBe(true);
  }, 180_000);
});

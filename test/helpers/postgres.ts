// A real PostgreSQL server for tests: DATABASE_URL when set, else a throwaway cluster started
// from this machine's binaries (`pg_config --bindir`; .ci/run installs Debian's postgresql).
// initdb runs into a temp folder on a free port, as the `postgres` user when we are root
// (PostgreSQL refuses to run as root). stop() shuts it down and removes the folder.
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./process.js";

export interface PostgresServer {
  /** postgres://… for the `postgres` database as a superuser. */
  url: string;
  stop(): Promise<void>;
}

function bindir(): string {
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("PostgreSQL binaries not found (pg_config): set DATABASE_URL, or install them (apt-get install -y postgresql)");
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const bin = bindir();
  const dir = mkdtempSync(join(tmpdir(), "mastra-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => execFileSync(join(bin, tool), args, { uid, gid, stdio: "pipe", cwd: dir, env: { ...process.env, LC_ALL: "C" } });
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
    run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const e = error as { stderr?: Buffer; message: string };
    throw new Error(`could not start a throwaway PostgreSQL: ${e.stderr?.toString() || e.message}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

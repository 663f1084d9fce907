// A throwaway PostgreSQL cluster from this machine's binaries (`pg_config --bindir`; .ci/run
// installs Debian's postgresql), shared by the tests (test/helpers/postgres.ts) and the storage
// benchmark (bench/parts/storage.mjs), so both start it the same way. Plain .mjs: the bench runs
// on Node without a TypeScript loader. initdb runs into a temp folder, on the port given, as the
// `postgres` user when we are root (PostgreSQL refuses to run as root).
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function bindir() {
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("PostgreSQL binaries not found (pg_config): set DATABASE_URL, or install them (apt-get install -y postgresql)");
  }
}

/**
 * Start a cluster on 127.0.0.1:`port`. Tests skip every fsync (`durable: false`, the default:
 * nothing there outlives the run); the benchmark asks for PostgreSQL's defaults (`durable: true`:
 * fsync on, every commit flushed), as a production server has them.
 * @param {{ port: number, durable?: boolean }} options
 * @returns {Promise<{ url: string, stop(): Promise<void> }>}
 */
export async function startPostgresCluster({ port, durable = false }) {
  const bin = bindir();
  const dir = mkdtempSync(join(tmpdir(), "mastra-pg-"));
  const data = join(dir, "data");
  let uid;
  let gid;
  if (process.getuid?.() === 0) {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool, args) => execFileSync(join(bin, tool), args, { uid, gid, stdio: "pipe", cwd: dir, env: { ...process.env, LC_ALL: "C" } });
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${durable ? "" : " -c fsync=off"}`;
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", ...(durable ? [] : ["--no-sync"])]);
    run("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "60", "-o", settings, "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL: ${error.stderr?.toString() || error.message}`);
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

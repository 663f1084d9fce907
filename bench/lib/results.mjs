// One JSON file per part in bench/results/, plus the machine it ran on, so a README figure can
// always be traced to the run that produced it. Written via a .tmp file (git-ignored) and a rename.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem, release } from "node:os";
import { join } from "node:path";
import { RESULTS } from "./paths.mjs";

export function machine() {
  const c = cpus();
  return {
    cpu: c[0]?.model?.trim() ?? "unknown",
    cores: c.length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
  };
}

export function writeResult(part, data) {
  mkdirSync(RESULTS, { recursive: true });
  const body = { part, date: new Date().toISOString(), machine: machine(), ...data };
  const file = join(RESULTS, `${part}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2) + "\n");
  renameSync(`${file}.tmp`, file);
  return file;
}

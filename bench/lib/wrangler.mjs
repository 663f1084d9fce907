// What Cloudflare would receive: `wrangler deploy --dry-run --outdir` bundles a worker folder
// exactly as an upload would, offline. Used for Mastra's worker and ours alike.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.mjs";
import { failure, run } from "./proc.mjs";
import { codeFiles, filesSize } from "./size.mjs";

const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");

/** Bundle `dir` (holding wrangler.toml / wrangler.json) as an upload; returns sizes and the bundle folder. */
export function wranglerBundle(dir, { keep = false } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), "bench-wrangler-"));
  const r = run(WRANGLER, ["deploy", "--dry-run", "--outdir", outdir], { cwd: dir, env: { WRANGLER_SEND_METRICS: "false", CI: "1" } });
  if (!r.ok) {
    rmSync(outdir, { recursive: true, force: true });
    return { ok: false, error: failure(r, "wrangler deploy --dry-run") };
  }
  const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(r.stdout + r.stderr);
  const files = codeFiles(outdir);
  const size = filesSize(files);
  if (!keep) rmSync(outdir, { recursive: true, force: true });
  return {
    ok: true,
    ...size,
    outdir: keep ? outdir : undefined,
    files: files.map((f) => f.slice(outdir.length + 1)),
    reportedKiB: reported ? { total: Number(reported[1]), gzip: Number(reported[2]) } : null,
  };
}

/**
 * `mastra build [--dir <root>] [--platform node|node-inlined|worker] [--minify] [--typecheck] [--json]`
 */
import { join, resolve } from "node:path";
import { build, isBuildError, PLATFORMS, releaseEsbuild, type BuildResult, type Platform } from "../../build/index.js";
import { builtInEntry } from "../../deploy/load-target.js";
import { playgroundOutputFiles } from "../../playground/assets.js";
import { parseCommandArgs } from "../args.js";
import { displayFrom, formatToolError, formatBytes, formatDuration, nodeModulesLine, table } from "../format.js";
import { UsageError, type CliIO } from "../io.js";

export const BUILD_USAGE = `Usage: mastra build [--dir <project root>] [--platform node|node-inlined|worker] [--minify|--no-minify] [--typecheck] [--playground] [--json]

  --dir <path>         project root holding src/mastra/index.ts (default: current folder)
  --platform <p>       node (default): Node builtins and native addons external
                       node-inlined: Node, every package inlined (the vercel function;
                         netlify's wraps another entry); a native addon is an error
                       worker: everything inlined, node: builtins left for nodejs_compat
  --minify             minify the bundle (default for worker: limits and cold start count bytes)
  --no-minify          keep the bundle readable (default for node)
  --typecheck          type-check with TypeScript and fail on type errors
  --playground         ship the playground page in the output (node only): the server
                         then shows it at / as \`mastra dev\` does. Off by default; turn it
                         on only for a staging server whose /api is behind auth
  --json               print one JSON object on stdout and nothing else there
`;

export function summarizeBuild(result: BuildResult, cwd: string): string {
  const rows = result.files.map((f) => [displayFrom(cwd, join(result.outDir, f.path)), formatBytes(f.bytes), formatBytes(f.gzipBytes)]);
  let s = table(["file", "size", "gzip"], rows);
  if (result.nodeModules) s += `${nodeModulesLine(result.nodeModules)}\n`;
  const ext = result.externals.map((e) => `${e.name}@${e.version}`).join(", ");
  s += `Built ${displayFrom(cwd, result.root)} for ${result.platform} in ${formatDuration(result.durationMs)}`;
  s += ext ? ` (external: ${ext})\n` : "\n";
  return s;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      dir: { type: "string" },
      platform: { type: "string" },
      minify: { type: "boolean" },
      "no-minify": { type: "boolean" },
      typecheck: { type: "boolean" },
      playground: { type: "boolean" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    BUILD_USAGE,
  );
  if (args.flag("help")) {
    io.out(BUILD_USAGE);
    return 0;
  }
  const platform = (args.string("platform") ?? "node") as Platform;
  if (!PLATFORMS.includes(platform)) {
    throw new UsageError(`--platform must be "node", "node-inlined" or "worker" (got "${args.string("platform")}")`, BUILD_USAGE);
  }
  if (args.flag("minify") && args.flag("no-minify")) throw new UsageError("--minify and --no-minify contradict each other; pick one", BUILD_USAGE);
  if (args.flag("playground") && platform !== "node") throw new UsageError(`--playground needs the node platform (its server serves the page); got --platform ${platform}`, BUILD_USAGE);
  const root = resolve(io.cwd, args.string("dir") ?? ".");
  try {
    const minify = args.flag("minify") ? true : args.flag("no-minify") ? false : undefined;
    const entry = platform === "node" ? undefined : await builtInEntry(platform);
    const extraFiles = args.flag("playground") ? playgroundOutputFiles() : undefined;
    const result = await build({ root, platform, entry, minify, typecheck: args.flag("typecheck"), extraFiles });
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    if (args.flag("json")) io.out(`${JSON.stringify({ ok: true, ...result })}\n`);
    else io.out(summarizeBuild(result, io.cwd));
    return 0;
  } catch (err) {
    if (!isBuildError(err)) throw err;
    io.err(formatToolError(err));
    if (args.flag("json")) io.out(`${JSON.stringify({ ok: false, error: err.toJSON() })}\n`);
    return 1;
  } finally {
    await releaseEsbuild();
  }
}

// The flags every part understands: --quick (fewer runs, shorter load), --json-only, and --no-peers
// (leave Mastra's servers out: no peer install or `mastra build`, for a quick ours-vs-floor rerun).
export function parseArgs(argv = process.argv.slice(2)) {
  const quick = argv.includes("--quick");
  const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
  const peers = !argv.includes("--no-peers");
  return { quick, only, peers, argv };
}

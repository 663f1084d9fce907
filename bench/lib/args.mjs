// The flags every part understands: --quick (fewer runs, shorter load) and --json-only.
export function parseArgs(argv = process.argv.slice(2)) {
  const quick = argv.includes("--quick");
  const only = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
  return { quick, only, argv };
}

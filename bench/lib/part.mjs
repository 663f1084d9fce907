// Each part is a module exporting `run({ quick, log })` → { title, markdown, data }. `main()` lets a
// part run on its own (`node bench/parts/<part>.mjs [--quick]`): print the table, write the JSON.
import { parseArgs } from "./args.mjs";
import { machine, writeResult } from "./results.mjs";

export function machineLine() {
  const m = machine();
  return `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB RAM, ${m.os}, Node ${m.node}; ${new Date().toISOString().slice(0, 10)}`;
}

export async function main(name, runPart) {
  const { quick, peers } = parseArgs();
  const log = (line) => console.error(line);
  const result = await runPart({ quick, log, peers });
  const file = writeResult(name, { quick, ...result.data });
  console.log(`### ${result.title}\n\n${result.markdown}\n\n_${machineLine()}${quick ? " — --quick" : ""}${peers ? "" : " — --no-peers"}. JSON: ${file.replace(process.cwd() + "/", "")}_\n`);
}

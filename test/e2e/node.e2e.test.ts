// node: the zip, unzipped and started with `npm start` (only Node installed), against the shared suite.
import { join } from "node:path";
import { runNodeZip } from "./runners.js";
import { deployFixture, describeConformance, describeSecretScan } from "./target-suite.js";

const deployed = deployFixture("node");

describeSecretScan("node", deployed);

describeConformance("node", deployed, (r) => runNodeZip(join(r.outDir, r.artifacts.find((a) => a.path.endsWith(".zip"))!.path)));

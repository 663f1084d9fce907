// node: the zip, unzipped and started with `npm start` (only Node installed), against the shared suite.
import { join } from "node:path";
import { runNodeZip } from "./runners.js";
import type { DeployResult } from "../../src/deploy/index.js";
import { deployApp, describeConformance, describeSecretScan } from "./target-suite.js";
import { TEMPLATE_APP } from "./template-checks.js";

const deployed = deployApp("node");

describeSecretScan("node", deployed);

const start = (r: DeployResult) => runNodeZip(join(r.outDir, r.artifacts.find((a) => a.path.endsWith(".zip"))!.path));

describeConformance("node", deployed, start);

describeConformance("node", deployApp("node", TEMPLATE_APP), start);

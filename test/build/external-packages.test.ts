// Which packages the node output's node_modules gets, and where: hoisted unless another version
// holds the place, then nested where Node's lookup from the dependent finds it first.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copyExternalPackages, planExternalPackages } from "../../src/build/external-packages.js";
import { cleanupTemp, emptyDir } from "./helpers.js";

afterAll(cleanupTemp);

function pkg(dir: string, manifest: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
  writeFileSync(join(dir, "index.js"), `module.exports = ${JSON.stringify(manifest.name)};\n`);
  return dir;
}

describe("planExternalPackages", () => {
  it("hoists, nests a second version under its dependent, skips types and other hosts' binaries", async () => {
    const nm = join(emptyDir(), "node_modules");
    const native = pkg(join(nm, "native"), {
      name: "native",
      version: "1.0.0",
      dependencies: { shared: "^2", helper: "1", "@types/native": "1" },
      optionalDependencies: { "native-other-os": "1", "native-missing": "1" },
    });
    pkg(join(nm, "shared"), { name: "shared", version: "2.0.0" });
    pkg(join(nm, "helper"), { name: "helper", version: "1.0.0", dependencies: { shared: "^1" } });
    pkg(join(nm, "helper", "node_modules", "shared"), { name: "shared", version: "1.0.0" });
    pkg(join(nm, "@types", "native"), { name: "@types/native", version: "1.0.0" });
    pkg(join(nm, "native-other-os"), { name: "native-other-os", version: "1.0.0", os: [process.platform === "win32" ? "linux" : "win32"] });

    const plan = planExternalPackages([native]);
    expect(plan.map((p) => [p.path, p.version])).toEqual([
      ["node_modules/helper", "1.0.0"],
      ["node_modules/helper/node_modules/shared", "1.0.0"],
      ["node_modules/native", "1.0.0"],
      ["node_modules/shared", "2.0.0"],
    ]);

    const out = emptyDir();
    const summary = await copyExternalPackages(plan, out);
    expect(summary.files).toBe(8);
    expect(summary.packages.map((p) => p.name)).toEqual(["helper", "shared", "native", "shared"]);
    // Copied without the packages' own node_modules: the plan placed those.
    expect(summary.bytes).toBeGreaterThan(0);
  });
});

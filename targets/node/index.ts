// node: one zip for a VM (or any host with Node 22+): unzip, `npm start`.
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  copyBuild,
  defaultEntry,
  defineTarget,
  renderScaffold,
  safeName,
  scaffoldDir,
  writeJson,
  writeText,
  zipFolder,
} from "../../src/deploy/target.js";

const START = "node --enable-source-maps index.mjs";

/** The build's package.json with what `npm start` on a bare VM needs made sure of. */
async function runnablePackageJson(buildDir: string, name: string, version: string, externals: Record<string, string>) {
  let pkg: Record<string, unknown> = {};
  try {
    pkg = JSON.parse(await readFile(join(buildDir, "package.json"), "utf8")) as Record<string, unknown>;
  } catch {
    // No package.json from the build: the fields below are all `npm start` needs.
  }
  const scripts = { ...((pkg.scripts as Record<string, string>) ?? {}) };
  scripts.start ??= START;
  return {
    ...pkg,
    name: (pkg.name as string) ?? name,
    version: (pkg.version as string) ?? version,
    private: true,
    type: "module",
    scripts,
    engines: (pkg.engines as object) ?? { node: ">=22" },
    dependencies: (pkg.dependencies as object) ?? externals,
  };
}

export default defineTarget({
  name: "node",
  platform: "node",
  entry: defaultEntry("node"),
  // None: any setting given to it is a mistake worth an error.
  options: {},
  // The systemd unit's EnvironmentFile (scaffolds/node/app.service).
  secrets: "put {name}=… in /etc/{app}.env on the server (the unit's EnvironmentFile)",

  async package(ctx) {
    const name = safeName(ctx.app.name);
    const scaffolds = scaffoldDir(import.meta.url, "node");
    const natives = Object.keys(ctx.build.externals);
    const stage = await mkdtemp(join(tmpdir(), "mastra-node-"));
    try {
      // node_modules goes in: the zip then runs unpacked on a VM like the build machine with no install.
      await copyBuild(ctx.build, stage, ".", { withPackageJson: false, withNodeModules: true });
      await writeJson(stage, "package.json", await runnablePackageJson(ctx.build.dir, name, ctx.app.version, ctx.build.externals));
      // The build's lockfile (cut from the app's; the dependencies above are the ones it locks): `npm ci` installs that exact tree.
      const locked = ctx.build.files.includes("package-lock.json");
      if (locked) await copyFile(join(ctx.build.dir, "package-lock.json"), join(stage, "package-lock.json"));
      const install = `npm ${locked ? "ci" : "install"} --omit=dev`;
      // A build with node_modules runs unpacked where it was built (same OS/CPU); elsewhere npm fetches that host's binaries.
      const builtFor = ctx.build.nodeModules?.builtFor;
      const when = builtFor ? `   # only on another OS/CPU than ${builtFor}` : "";
      const vars = {
        name,
        installNote: !natives.length
          ? ""
          : builtFor
            ? ` (its native packages, ${natives.join(", ")}, are in node_modules/, built for ${builtFor})`
            : ` but its native dependencies (${natives.join(", ")}), installed by \`${install}\``,
        installStep: natives.length ? `${install}${when}\n` : "",
        installStepRoot: natives.length ? `(cd /opt/${name} && sudo ${install})${when}\n` : "",
      };
      await writeText(stage, `${name}.service`, await renderScaffold(scaffolds, "app.service", vars));
      await writeText(stage, "Procfile", await renderScaffold(scaffolds, "Procfile", vars));
      await writeText(stage, "README.md", await renderScaffold(scaffolds, "README.md", vars));
      // One top-level folder in the zip, so `unzip` never scatters files into the current one.
      await zipFolder(stage, join(ctx.outDir, `${name}.zip`), name);
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  },

  async upload(ctx) {
    const name = safeName(ctx.app.name);
    return {
      command: null,
      message: `Nothing to upload for node: copy the zip to your server and start it (secrets go in /etc/${name}.env; or unzip it anywhere with Node 22+ and run \`npm start\`; its node_modules/ holds native packages for this machine's OS/CPU: on another, run \`npm install --omit=dev\` in /opt/${name} first):`,
      next: copyAndRun(name),
    };
  },

  nextCommand({ app }) {
    return copyAndRun(safeName(app.name));
  },
});

/** The steps the upload prints and a dry run shows: copy the zip to a VM, install the unit, start it. */
function copyAndRun(name: string): string {
  return (
    `scp ${name}.zip you@host:/tmp/ && ssh you@host 'sudo unzip -o /tmp/${name}.zip -d /opt && ` +
    `sudo cp /opt/${name}/${name}.service /etc/systemd/system/ && sudo systemctl daemon-reload && sudo systemctl enable --now ${name}'`
  );
}

// docker: a Dockerfile and exactly the built server beside it, plus k8s.yaml for clusters.
import { relative } from "node:path";
import {
  collectArtifacts,
  copyBuild,
  defaultEntry,
  defineTarget,
  DeployError,
  renderScaffold,
  requireCli,
  runCliOrFail,
  safeName,
  scaffoldDir,
  writeText,
} from "../../src/deploy/target.js";

/** The server's SIGTERM drain bound (src/server/serve.ts DEFAULT_DRAIN_TIMEOUT_MS). */
const DRAIN_MS = 10_000;

function imageRef(appName: string, options: Record<string, unknown>): string {
  const image = options.image;
  if (image === undefined) return `${safeName(appName)}:latest`;
  if (typeof image !== "string" || !/^[a-z0-9][a-z0-9._\-/:@]*$/i.test(image)) throw new DeployError(`--image must be an image reference like registry.example.com/team/app:1.0 (got ${String(image)})`);
  return image;
}

export default defineTarget({
  name: "docker",
  platform: "node",
  entry: defaultEntry("node"),

  async package(ctx) {
    const scaffolds = scaffoldDir(import.meta.url, "docker");
    const { port, timeout } = await ctx.serverSettings();
    const name = safeName(ctx.app.name);
    const image = imageRef(ctx.app.name, ctx.options);
    const hasNative = Object.keys(ctx.build.externals).length > 0;
    await copyBuild(ctx.build, ctx.outDir);
    const vars = {
      name,
      image,
      port,
      // Natives listed by the build install at their pinned versions; pure-JS apps install nothing.
      install: hasNative ? "RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force\n" : "",
      grace: Math.ceil(Math.max(DRAIN_MS, timeout) / 1000) + 10,
    };
    await writeText(ctx.outDir, "Dockerfile", await renderScaffold(scaffolds, "Dockerfile", vars));
    await writeText(ctx.outDir, ".dockerignore", await renderScaffold(scaffolds, "dockerignore", vars));
    await writeText(ctx.outDir, "k8s.yaml", await renderScaffold(scaffolds, "k8s.yaml", vars));
    return collectArtifacts(ctx.outDir);
  },

  async upload(ctx) {
    const docker = requireCli("docker", ctx.app.root, ctx.env, "install Docker: https://docs.docker.com/get-docker/");
    const image = imageRef(ctx.app.name, ctx.options);
    const built = await runCliOrFail(docker, ["build", "--tag", image, "."], { cwd: ctx.outDir, env: ctx.env, label: "docker build" });
    // Pushing only when the user named the image: a default local tag has no registry to go to.
    if (ctx.options.image === undefined) {
      return { command: built.argv, message: `Built image ${image}; run it with: docker run -p 8080:8080 -e PORT=8080 ${image}` };
    }
    const pushed = await runCliOrFail(docker, ["push", image], { cwd: ctx.outDir, env: ctx.env, label: "docker push" });
    return { command: pushed.argv, message: `Built and pushed ${image}; deploy it with: kubectl apply -f ${relative(process.cwd(), ctx.outDir) || "."}/k8s.yaml` };
  },

  nextCommand({ app, outDir, options }) {
    return `docker build -t ${imageRef(app.name, options)} ${relative(process.cwd(), outDir) || "."}`;
  },
});

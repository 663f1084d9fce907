// docker: a Dockerfile and exactly the built server beside it, plus k8s.yaml for clusters.
import { copyBuild, defaultEntry, defineTarget, renderScaffold, safeName, scaffoldDir, sharesState, writeText, z } from "../../src/deploy/target.js";
// The SIGTERM drain bound of the server the container runs (mastra-deploy/node).
import { DEFAULT_DRAIN_TIMEOUT_MS } from "../../src/server/serve.js";

const OPTIONS = {
  image: {
    schema: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._\-/:@]*$/i, { error: (i) => `must be an image reference like registry.example.com/team/app:1.0 (got ${String(i.input)})` })
      .optional(),
    value: "<ref>",
    help: "image tag to build and push (without it: build <app>:latest, no push)",
  },
} as const;

/** What the image's RUN line does with the build's natives, and what deploy says it does: one source for both. */
const NATIVE_INSTALL = { by: "the image", when: "at build", command: "npm install --omit=dev", lockedCommand: "npm ci --omit=dev" } as const;

function imageRef(appName: string, image: string | undefined): string {
  return image ?? `${safeName(appName)}:latest`;
}

export default defineTarget({
  name: "docker",
  platform: "node",
  entry: defaultEntry("node"),
  options: OPTIONS,
  requires: { cli: { name: "docker", install: "install Docker: https://docs.docker.com/get-docker/" } },
  // The Dockerfile's RUN line below, for the image's own OS/CPU (the build's node_modules is not copied).
  installsNatives: NATIVE_INSTALL,
  // k8s.yaml's envFrom names the <app>-env secret.
  secrets: "pass it to the container (`docker run -e {name}`, or the {app}-env Kubernetes secret k8s.yaml reads: `kubectl create secret generic {app}-env --from-env-file=.env`)",

  async package(ctx) {
    const scaffolds = scaffoldDir(import.meta.url, "docker");
    const { port, timeout } = await ctx.serverSettings();
    const name = safeName(ctx.app.name);
    const image = imageRef(ctx.app.name, ctx.options.image);
    const hasNative = Object.keys(ctx.build.externals).length > 0;
    // The build's lockfile (cut from the app's) pins the whole native tree: `npm ci` installs exactly it.
    const locked = ctx.build.files.includes("package-lock.json");
    const shared = ctx.build.storage !== undefined && sharesState(ctx.build.storage);
    await copyBuild(ctx.build, ctx.outDir);
    // The playground page (`--playground`) sits beside the bundle, where the server looks for it.
    const extraTops = [...new Set((ctx.build.extraFiles ?? []).map((f) => f.split("/")[0]!))].sort();
    const vars = {
      name,
      image,
      port,
      extra: extraTops.map((top) => `COPY --chown=node:node ${top} ./${top}\n`).join(""),
      // .dockerignore is an allow-list: what the Dockerfile COPYs must be let into the context.
      extraIgnore: extraTops.map((top) => `!${top}\n`).join(""),
      manifests: locked ? "package.json package-lock.json" : "package.json",
      // Natives listed by the build install at their pinned versions; pure-JS apps install nothing.
      install: hasNative ? `RUN ${locked ? NATIVE_INSTALL.lockedCommand : NATIVE_INSTALL.command} --no-audit --no-fund && npm cache clean --force\n` : "",
      // No storage in the app: its runs and memory go to a SQLite file on a volume, owned by the runtime user
      // (a volume takes the ownership of the image's folder), so a new container keeps them.
      storage: ctx.build.storage?.configured
        ? ""
        : "# The app configures no storage: runs and memory go to this SQLite file. Keep /data on a volume\n" +
          "# (docker run -v app-data:/data …) or they go with the container.\n" +
          "ENV MASTRA_STORAGE_URL=file:/data/mastra.db\n" +
          "RUN mkdir -p /data && chown node:node /data\n" +
          'VOLUME ["/data"]\n',
      grace: Math.ceil(Math.max(DEFAULT_DRAIN_TIMEOUT_MS, timeout) / 1000) + 10,
      // Replicas only help when they share state: an in-memory or local-file store is per pod.
      replicas: shared ? 2 : 1,
      replicasNote: shared
        ? `The app's ${ctx.build.storage?.name} store is shared, so replicas see the same runs and memory.`
        : ctx.build.storage?.configured
          ? "One replica: the app keeps workflow runs and memory inside the pod (in memory or a local file). For more, give the app a shared store (PostgresStore with DATABASE_URL, or LibSQLStore on a libsql:// URL) and raise this."
          : "One replica: the app configures no storage, so runs and memory are in a SQLite file at /data/mastra.db inside the pod (mount a PersistentVolumeClaim on /data to keep them across restarts; one pod per file). For more replicas, give the app a shared store (PostgresStore with DATABASE_URL, or LibSQLStore on a libsql:// URL) and raise this.",
    };
    await writeText(ctx.outDir, "Dockerfile", await renderScaffold(scaffolds, "Dockerfile", vars));
    await writeText(ctx.outDir, ".dockerignore", await renderScaffold(scaffolds, "dockerignore", vars));
    await writeText(ctx.outDir, "k8s.yaml", await renderScaffold(scaffolds, "k8s.yaml", vars));
  },

  async upload(ctx) {
    const image = imageRef(ctx.app.name, ctx.options.image);
    const built = await ctx.run(["build", "--tag", image, "."], { label: "docker build" });
    // Pushing only when the user named the image: a default local tag has no registry to go to.
    if (ctx.options.image === undefined) {
      return { command: built.argv, message: `Built image ${image}; run it with: docker run -p 8080:8080 -e PORT=8080 -v ${safeName(ctx.app.name)}-data:/data ${image}` };
    }
    const pushed = await ctx.run(["push", image], { label: "docker push" });
    return { command: pushed.argv, message: `Built and pushed ${image}; deploy it with:`, next: "kubectl apply -f k8s.yaml" };
  },

  nextCommand({ app, options }) {
    return `docker build --tag ${imageRef(app.name, options.image)} .`;
  },
});

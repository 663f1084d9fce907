// The peers the benchmarks compare against: Mastra's own CLI and runtime, the newest that install
// on Node 20 (1.x needs Node 22), and the newest Cloudflare deployer with the CLI/core it pairs with.
// An app is a list of layers copied in order (their src/ and tsconfig.json): folders under
// bench/peers/apps, or an absolute path (one of our examples).
import { TEMPLATE } from "../lib/paths.mjs";
export const PEERS = {
  mastra: {
    about: "Mastra's `mastra build` (mastra 0.18 + @mastra/core 0.24)",
    app: ["mastra-quickstart"],
    dependencies: {
      mastra: "0.18.9",
      "@mastra/core": "0.24.9",
      // The app's own deps, at the AI SDK 4 line @mastra/core 0.x runs on.
      ai: "^4.3.19",
      "@ai-sdk/openai": "^1.3.22",
      zod: "^3.25.76",
    },
  },
  "mastra-libsql": {
    about: "Mastra's `mastra build` with its LibSQLStore on a file (mastra 0.18 + @mastra/core 0.24 + @mastra/libsql 0.16)",
    app: ["mastra-quickstart"],
    // The quickstart plus `storage: new LibSQLStore({ url: "file:…" })`, as the storage benchmark
    // runs it; the file comes from the environment so each round starts from an empty database.
    edits: {
      "src/mastra/index.ts": [
        ['import { Mastra } from "@mastra/core";\n', 'import { Mastra } from "@mastra/core";\nimport { LibSQLStore } from "@mastra/libsql";\n'],
        ["export const mastra = new Mastra({\n", 'export const mastra = new Mastra({\n  storage: new LibSQLStore({ url: process.env.BENCH_LIBSQL_URL ?? "file:../mastra.db" }),\n'],
      ],
    },
    dependencies: {
      mastra: "0.18.9",
      "@mastra/core": "0.24.9",
      // The newest @mastra/libsql whose peer range takes @mastra/core 0.24 (>=0.21.2 <0.25).
      "@mastra/libsql": "0.16.4",
      ai: "^4.3.19",
      "@ai-sdk/openai": "^1.3.22",
      zod: "^3.25.76",
    },
  },
  "mastra-template": {
    about: "Mastra's `mastra build` of its weather template (mastra 0.18 + @mastra/core 0.24 + memory, libsql, loggers)",
    // Our examples/weather-template itself, with one file added: our local model for AI SDK 5.
    app: [TEMPLATE, "mastra-weather-template"],
    edits: { "src/mastra/agents/local-model.ts": [['from "mastra-deploy/models"', 'from "./local-model-v2"']] },
    dependencies: {
      mastra: "0.18.9",
      "@mastra/core": "0.24.9",
      // The newest of each whose peer range takes @mastra/core 0.24 (checked with `npm view … peerDependencies`).
      "@mastra/libsql": "0.16.4",
      "@mastra/memory": "0.15.13",
      "@mastra/loggers": "0.10.19",
      ai: "^4.3.19",
      "@ai-sdk/openai": "^1.3.22",
      zod: "^3.25.76",
    },
  },
  "mastra-cloudflare": {
    about: "Mastra's Cloudflare deployer (@mastra/deployer-cloudflare 0.14.2 + mastra 0.13.2 + @mastra/core 0.18.0)",
    app: ["mastra-quickstart"],
    // The only difference from the mastra peer's app: Mastra's Cloudflare deployer writes a worker.
    // Applied as edits rather than a second copy of index.ts, so the two apps cannot drift apart.
    edits: {
      "src/mastra/index.ts": [
        ['import { Mastra } from "@mastra/core";\n', 'import { Mastra } from "@mastra/core";\nimport { CloudflareDeployer } from "@mastra/deployer-cloudflare";\n'],
        ["export const mastra = new Mastra({\n", 'export const mastra = new Mastra({\n  deployer: new CloudflareDeployer({ projectName: "quickstart" }),\n'],
      ],
    },
    dependencies: {
      mastra: "0.13.2",
      "@mastra/core": "0.18.0",
      "@mastra/deployer-cloudflare": "0.14.2",
      ai: "^4.3.19",
      "@ai-sdk/openai": "^1.3.22",
      zod: "^3.25.76",
    },
  },
};

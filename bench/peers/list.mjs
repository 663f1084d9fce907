// The peers the benchmarks compare against: Mastra's own CLI and runtime, the newest that install
// on Node 20 (1.x needs Node 22), and the newest Cloudflare deployer with the CLI/core it pairs with.
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

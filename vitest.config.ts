import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineConfig({
  resolve: {
    // The same mapping the build applies, so tests can import the examples as written.
    alias: [
      { find: /^mastra-deploy\/models$/, replacement: src("core/models.ts") },
      { find: /^@mastra\/core\/server$/, replacement: src("server/index.ts") },
      { find: /^@mastra\/core\/storage$/, replacement: src("core/storage/index.ts") },
      { find: /^mastra-deploy\/storage$/, replacement: src("core/storage/index.ts") },
      { find: /^(@mastra\/memory|mastra-deploy\/memory)$/, replacement: src("memory/index.ts") },
      { find: /^@mastra\/libsql$/, replacement: src("stores/libsql/index.ts") },
      { find: /^@mastra\/pg$/, replacement: src("stores/pg/index.ts") },
      { find: /^@mastra\/cloudflare-d1$/, replacement: src("stores/d1/index.ts") },
      { find: /^@mastra\/core(\/(agent|tools|workflows|mastra|logger))?$/, replacement: src("index.ts") },
      { find: /^@mastra\/loggers$/, replacement: src("loggers/index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Child processes, ports and builds: files run in parallel, tests within a file in order.
    pool: "forks",
  },
});

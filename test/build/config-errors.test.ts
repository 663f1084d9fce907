// Strict config at build time: a typo or a not-yet-supported Mastra option fails the build with
// one line naming the key (and the likely intended one), and a code frame on the line where the
// user wrote it — also when it sits deep in the object, in a const, or in another file.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanupTemp, cli, copyFixture } from "./helpers.js";

afterAll(cleanupTemp);

describe("config errors point at the key the user wrote", () => {
  let app: string;
  const file = (rel: string) => join(app, "src", "mastra", rel);
  beforeAll(() => {
    app = copyFixture("basic-app");
  });

  async function failingBuild(index: string, extra: Record<string, string> = {}) {
    writeFileSync(file("index.ts"), index);
    for (const [name, text] of Object.entries(extra)) writeFileSync(file(name), text);
    const run = await cli(["build"], app);
    expect(run.code).toBe(1);
    const [line, ...rest] = run.err.split("\n");
    return { line: line!, frame: rest.join("\n") };
  }

  it('`port: "abc"` points at the port line, not at new Mastra({', async () => {
    const { line, frame } = await failingBuild(
      'import { Mastra } from "@mastra/core";\n\nexport const mastra = new Mastra({\n  server: {\n    host: "127.0.0.1",\n    port: "abc" as any,\n  },\n});\n',
    );
    expect(line).toBe('error: Invalid Mastra config: server.port must be a number (got "abc") (src/mastra/index.ts:6:5)');
    expect(frame).toContain('> 6 |     port: "abc" as any,');
    expect(frame).toMatch(/\n\s+\|     \^/);
  });

  it("a misspelled top-level key is an error with a suggestion, framed on its line", async () => {
    const { line, frame } = await failingBuild(
      'import { Mastra } from "@mastra/core";\n\nconst auth = async (_c: unknown, next: () => Promise<void>) => next();\nexport const mastra = new Mastra({\n  // @ts-expect-error the typo under test\n  sever: { middleware: [auth] },\n});\n',
    );
    expect(line).toBe("error: Invalid Mastra config: sever is not an option — did you mean `server`? (src/mastra/index.ts:6:3)");
    expect(frame).toContain("> 6 |   sever: { middleware: [auth] },");
  });

  it("follows a const and array entries: a typo in a cors object held in a variable", async () => {
    const { line, frame } = await failingBuild(
      'import { Mastra } from "@mastra/core";\n\nconst cors = {\n  origins: ["https://example.com"],\n};\nexport const mastra = new Mastra({ server: { cors: cors as any } });\n',
    );
    expect(line).toBe("error: Invalid Mastra config: server.cors.origins is not an option — did you mean `origin`? (src/mastra/index.ts:4:3)");
    expect(frame).toContain('> 4 |   origins: ["https://example.com"],');
  });

  it("a middleware entry's typo inside the list", async () => {
    const { line } = await failingBuild(
      'import { Mastra } from "@mastra/core";\n\nconst h = async (_c: unknown, next: () => Promise<void>) => next();\nexport const mastra = new Mastra({\n  server: {\n    middleware: [\n      h,\n      { handlr: h, path: "/x" } as any,\n    ],\n  },\n});\n',
    );
    expect(line).toBe("error: Invalid Mastra config: server.middleware[1].handlr is not an option — did you mean `handler`? (src/mastra/index.ts:8:9)");
  });

  it("a Mastra option we do not implement says so and what to do instead", async () => {
    const { line, frame } = await failingBuild(
      'import { Mastra } from "@mastra/core";\n\nexport const mastra = new Mastra({\n  server: { port: 3000 },\n  // @ts-expect-error not implemented\n  deployer: {},\n});\n',
    );
    expect(line).toMatch(/^error: Invalid Mastra config: deployer is a Mastra option that mastra-deploy does not implement yet; deploy with `mastra deploy --target <name>` \(src\/mastra\/index\.ts:6:3\)$/);
    expect(frame).toContain("> 6 |   deployer: {},");
  });

  it("an agent's typo in its own file is framed there", async () => {
    const { line, frame } = await failingBuild(
      'import { Mastra } from "@mastra/core";\nimport { agent } from "./agent";\n\nexport const mastra = new Mastra({ agents: { agent } });\n',
      {
        "agent.ts":
          'import { Agent } from "@mastra/core/agent";\n\nexport const agent = new Agent({\n  name: "Helper",\n  // @ts-expect-error the typo under test\n  instrucions: "Be brief.",\n  model: "openai/gpt-4o-mini",\n});\n',
      },
    );
    expect(line).toBe('error: Invalid agent "Helper": instrucions is not an option — did you mean `instructions`? (src/mastra/agent.ts:6:3)');
    expect(frame).toContain('> 6 |   instrucions: "Be brief.",');
  });
});

// Unknown keys anywhere in the config are errors naming the key and its path (with the likely
// intended key), and Mastra options we do not implement are refused with what to do instead.
import { describe, expect, it } from "vitest";
import { Agent, Mastra, MastraConfigError, createStep, createTool, createWorkflow, registerApiRoute } from "../../src/index.js";
import { didYouMean } from "../../src/core/did-you-mean.js";
import { scriptedModel, text } from "../helpers/models.js";

const handler = async () => new Response("ok");
const mastra = (config: unknown) => () => new Mastra(config as never);
const model = scriptedModel([text("hi")]).model;

describe("unknown keys are errors at construction", () => {
  it.each([
    [{ sever: { port: 3000 } }, "Invalid Mastra config: sever is not an option — did you mean `server`?", ["sever"]],
    [{ Agents: {} }, "Invalid Mastra config: Agents is not an option — did you mean `agents`?", ["Agents"]],
    [{ server: { timout: 5000 } }, "Invalid Mastra config: server.timout is not an option — did you mean `timeout`?", ["server", "timout"]],
    [{ server: { cors: { origins: ["https://example.com"] } } }, "Invalid Mastra config: server.cors.origins is not an option — did you mean `origin`?", ["server", "cors", "origins"]],
    [{ server: { middleware: [handler, { handlr: handler }] } }, "Invalid Mastra config: server.middleware[1].handlr is not an option — did you mean `handler`?", ["server", "middleware", 1, "handlr"]],
    [{ server: { apiRoutes: [{ path: "/x", method: "GET", handler, midleware: [] }] } }, "Invalid Mastra config: server.apiRoutes[0].midleware is not an option — did you mean `middleware`?", ["server", "apiRoutes", 0, "midleware"]],
  ])("%j", (config, message, path) => {
    let error: unknown;
    try {
      mastra(config)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MastraConfigError);
    expect((error as Error).message).toBe(message);
    expect((error as MastraConfigError).path).toEqual(path);
  });

  it("lists the known keys when nothing is close", () => {
    expect(mastra({ zzzzzz: 1 })).toThrow(/^Invalid Mastra config: zzzzzz is not an option \(known: agents, workflows, tools, server, storage, logger\)$/);
  });

  it("agents, tools, steps, workflows and route options are strict too", () => {
    expect(() => new Agent({ name: "A", instrucions: "x", model } as never)).toThrow('Invalid agent "A": instrucions is not an option — did you mean `instructions`?');
    expect(() => createTool({ id: "t", description: "", execute: handler, inputschema: {} } as never)).toThrow('Invalid tool "t": inputschema is not an option — did you mean `inputSchema`?');
    expect(() => createStep({ id: "s", execute: handler, outputschema: {} } as never)).toThrow('Invalid step "s": outputschema is not an option — did you mean `outputSchema`?');
    expect(() => createWorkflow({ id: "w", inputschema: {} } as never)).toThrow('Invalid workflow "w": inputschema is not an option — did you mean `inputSchema`?');
    expect(() => registerApiRoute("/x", { method: "GET", handler, midleware: [] } as never)).toThrow(
      'Invalid route options of registerApiRoute("/x"): midleware is not an option — did you mean `middleware`?',
    );
  });

  it("the documented options are all accepted", () => {
    const tool = createTool({ id: "t", description: "d", inputSchema: undefined, outputSchema: undefined, execute: handler });
    const agent = new Agent({ id: "a", name: "A", instructions: "i", model, tools: { t: tool } });
    const step = createStep({ id: "s", description: "d", execute: async () => 1 });
    const workflow = createWorkflow({ id: "w", description: "d" }).then(step).commit();
    const route = registerApiRoute("/x", { method: "GET", handler, middleware: [], openapi: { summary: "x" } });
    const m = new Mastra({
      agents: { a: agent },
      tools: { t: tool },
      workflows: { w: workflow },
      server: {
        port: 3000, host: "127.0.0.1", timeout: 1000, bodySizeLimit: 10,
        cors: { origin: ["https://a"], allowMethods: ["GET"], allowHeaders: ["x"], exposeHeaders: ["y"], credentials: true, maxAge: 5 },
        middleware: [handler, { handler, path: "/x" }],
        apiRoutes: [route],
      },
    });
    expect(m.getServer().port).toBe(3000);
  });
});

describe("Mastra options we do not implement are refused, saying so", () => {
  it.each([
    [{ telemetry: {} }, /^Invalid Mastra config: telemetry is a Mastra option that mastra-deploy does not implement yet; /],
    [{ deployer: {} }, /deployer is a Mastra option that mastra-deploy does not implement yet; deploy with `mastra deploy --target <name>`/],
    [{ bundler: { externals: ["x"] } }, /bundler is a Mastra option that mastra-deploy does not implement yet/],
    [{ vectors: {} }, /vectors is a Mastra option/],
    [{ memory: {} }, /memory is a Mastra option that mastra-deploy does not implement yet; memory belongs to an agent: new Agent\(\{ memory \}\)/],
    [{ serverMiddleware: [] }, /serverMiddleware is a Mastra option .* use server\.middleware/],
    [{ server: { build: { swaggerUI: true } } }, /^Invalid Mastra config: server\.build is a Mastra option that mastra-deploy does not implement yet/],
    [{ server: { https: { key: "k", cert: "c" } } }, /server\.https is a Mastra option .*terminate TLS/],
    [{ server: { experimental_auth: {} } }, /server\.experimental_auth is a Mastra option/],
    [{ server: { apiRoutes: [{ path: "/x", method: "GET", handler, requiresAuth: true }] } }, /server\.apiRoutes\[0\]\.requiresAuth is a Mastra option/],
  ])("%j", (config, message) => {
    expect(mastra(config)).toThrow(MastraConfigError);
    expect(mastra(config)).toThrow(message);
  });

  it("on agents, tools, steps and workflows too", () => {
    expect(() => new Agent({ name: "A", instructions: "", model, voice: {} } as never)).toThrow(/Invalid agent "A": voice is a Mastra option that mastra-deploy does not implement yet/);
    expect(() => createTool({ id: "t", description: "", execute: handler, requireApproval: true } as never)).toThrow(/requireApproval is a Mastra option/);
    expect(() => createStep({ id: "s", execute: handler, retries: 3 } as never)).toThrow(/retries is a Mastra option/);
    expect(() => createWorkflow({ id: "w", retryConfig: {} } as never)).toThrow(/retryConfig is a Mastra option/);
    expect(() => registerApiRoute("/x", { method: "GET", handler, requiresAuth: false } as never)).toThrow(/requiresAuth is a Mastra option/);
  });
});

describe("didYouMean", () => {
  it("finds case slips and small edits, and nothing for unrelated words", () => {
    expect(didYouMean("sever", ["agents", "server"])).toBe("server");
    expect(didYouMean("SERVER", ["server"])).toBe("server");
    expect(didYouMean("apiRoute", ["apiRoutes", "cors"])).toBe("apiRoutes");
    expect(didYouMean("database", ["agents", "server", "storage"])).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { Agent, Mastra, MastraConfigError, createTool, registerApiRoute } from "../../src/index.js";
import { scriptedModel, text } from "../helpers/models.js";

const handler = async () => new Response("ok");
const build = (server: unknown) => () => new Mastra({ server: server as never });

describe("new Mastra(): server config validation names the bad field", () => {
  it.each([
    [{ port: 70000 }, /server\.port must be between 0 and 65535 \(got 70000\)/],
    [{ port: 3000.5 }, /server\.port must be an integer/],
    [{ port: "3000" }, /server\.port must be a number/],
    [{ timeout: -1 }, /server\.timeout must be a positive number of milliseconds \(got -1\)/],
    [{ bodySizeLimit: 0 }, /server\.bodySizeLimit must be a positive number of bytes/],
    [{ middleware: [handler, "nope"] }, /server\.middleware\[1\] must be a function or \{ handler, path \}/],
    [{ middleware: [{ path: "/api/*" }] }, /server\.middleware\[0\]/],
    [{ middleware: [{ handler, path: "api/*" }] }, /server\.middleware\[0\]\.path must start with \//],
    [{ apiRoutes: [{ path: "/x", method: "GET" }] }, /server\.apiRoutes\[0\]\.handler must be a function \(got missing\)/],
    [{ apiRoutes: [{ path: "/x", method: "FETCH", handler }] }, /server\.apiRoutes\[0\]\.method must be one of GET, POST, PUT, DELETE, PATCH, ALL \(got "FETCH"\)/],
    [{ apiRoutes: [{ path: "/api/x", method: "GET", handler }] }, /server\.apiRoutes\[0\]\.path is under \/api/],
    [{ cors: { origin: 5 } }, /server\.cors/],
  ])("%j", (server, message) => {
    expect(build(server)).toThrow(MastraConfigError);
    expect(build(server)).toThrow(message);
  });

  it("fills the documented defaults", () => {
    expect(new Mastra().getServer()).toMatchObject({ port: 4111, timeout: 30000, bodySizeLimit: 4.5 * 1024 * 1024, middleware: [], apiRoutes: [] });
    expect(new Mastra({ server: { port: 3000, timeout: 10000 } }).getServer()).toMatchObject({ port: 3000, timeout: 10000 });
  });

  it("checks the registries' entries", () => {
    expect(() => new Mastra({ agents: { a: {} as never } })).toThrow(/agents\.a must be an Agent/);
    expect(() => new Mastra({ workflows: { w: {} as never } })).toThrow(/workflows\.w must be a workflow/);
    expect(() => new Mastra({ tools: { t: 1 as never } })).toThrow(/tools\.t must be a tool/);
  });
});

describe("registerApiRoute", () => {
  it("refuses paths under /api, which would shadow built-in routes", () => {
    expect(() => registerApiRoute("/api/agents", { method: "GET", handler })).toThrow(/reserved for Mastra's built-in routes/);
    expect(() => registerApiRoute("/api", { method: "GET", handler })).toThrow(/reserved/);
    expect(() => registerApiRoute("/apix", { method: "GET", handler })).not.toThrow();
  });
  it("refuses unknown methods, missing handlers and relative paths", () => {
    expect(() => registerApiRoute("/x", { method: "FETCH" as never, handler })).toThrow(/method must be one of/);
    expect(() => registerApiRoute("/x", { method: "GET" } as never)).toThrow(/handler must be a function/);
    expect(() => registerApiRoute("x", { method: "GET", handler })).toThrow(/must be a string starting with "\/"/);
  });
});

describe("Mastra registries", () => {
  const tool = createTool({ id: "echo", description: "echo", execute: async (input) => input });
  const agent = new Agent({ name: "A", instructions: "", model: scriptedModel([text("hi")]).model, tools: { echo: tool } });
  const mastra = new Mastra({ agents: { a: agent } });

  it("gets by key and throws a 404-mapped error for unknown ids", () => {
    expect(mastra.getAgent("a")).toBe(agent);
    expect(Object.keys(mastra.getAgents())).toEqual(["a"]);
    expect(() => mastra.getAgent("nope")).toThrow(/Agent "nope" not found/);
    expect(() => mastra.getWorkflow("nope")).toThrow(/Workflow "nope" not found/);
    expect(() => mastra.getAgent("toString")).toThrow(/not found/);
  });

  it("exposes agents' tools as tools", () => {
    expect(mastra.getTool("echo")).toBe(tool);
    expect(() => mastra.getTool("other")).toThrow(/Tool "other" not found/);
  });

  it("recognises instances by brand", () => {
    expect(Mastra.isMastra(mastra)).toBe(true);
    expect(Mastra.isMastra({})).toBe(false);
  });
});

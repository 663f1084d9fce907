import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Agent, Mastra, RequestContext, createTool } from "../../src/index.js";
import { scriptedModel, text, toolCall } from "../helpers/models.js";

describe("tools in both Mastra styles", () => {
  const schema = z.object({ city: z.string() });

  it("newer style: execute(input, context) with requestContext and mastra", async () => {
    const seen: unknown[] = [];
    const tool = createTool({
      id: "new",
      description: "",
      inputSchema: schema,
      execute: async (input, { requestContext, runtimeContext, mastra }) => {
        seen.push(JSON.stringify(input), Object.keys(input), { ...input }, requestContext === runtimeContext, Mastra.isMastra(mastra));
        return input.city;
      },
    });
    const { model } = scriptedModel([toolCall("new", { city: "Rome" }), text("done")]);
    const agent = new Agent({ name: "a", instructions: "", model, tools: { new: tool } });
    new Mastra({ agents: { a: agent } });
    await agent.generate("go");
    // The older names are there but hidden: the input serialises and spreads as itself.
    expect(seen).toEqual(['{"city":"Rome"}', ["city"], { city: "Rome" }, true, true]);
  });

  it("older style: execute({ context, runtimeContext, mastra }) where context is the input", async () => {
    const seen: unknown[] = [];
    const tool = createTool({
      id: "old",
      description: "",
      inputSchema: schema,
      execute: async ({ context, runtimeContext, mastra }) => {
        seen.push(context, runtimeContext.get("user"), Mastra.isMastra(mastra));
        return context.city.toUpperCase();
      },
    });
    const { model } = scriptedModel([toolCall("old", { city: "Rome" }), text("done")]);
    const agent = new Agent({ name: "a", instructions: "", model, tools: { old: tool } });
    new Mastra({ agents: { a: agent } });
    const result = await agent.generate("go", { requestContext: new RequestContext({ user: "ada" }) });
    expect(seen).toEqual([{ city: "Rome" }, "ada", true]);
    expect(result.toolResults[0].output).toBe("ROME");
  });

  it("direct calls in either shape reach the same input; a real `context` field is input, not the older shape", async () => {
    const tool = createTool({ id: "t", description: "", inputSchema: schema, execute: async ({ context, runtimeContext }) => `${context.city}/${runtimeContext.get("k") ?? "-"}` });
    expect(await tool.execute({ city: "Oslo" }, { requestContext: new RequestContext({ k: "v" }) })).toBe("Oslo/v");
    expect(await tool.execute({ context: { city: "Oslo" }, runtimeContext: new RequestContext({ k: "w" }) })).toBe("Oslo/w");

    const withContextField = createTool({
      id: "c",
      description: "",
      inputSchema: z.object({ context: z.string() }),
      execute: async (input) => input.context,
    });
    expect(await withContextField.execute({ context: "mine" })).toBe("mine");
  });
});

import { z } from "zod";
import { readJsonBody } from "../body.js";
import { describeTool } from "./describe-tool.js";
import type { BuiltinRoute } from "./route.js";

const executeBody = z.object({ data: z.unknown().optional() }).passthrough();

export const toolRoutes: BuiltinRoute[] = [
  {
    method: "GET",
    path: "/api/tools",
    tag: "tools",
    summary: "List tools (registered and agents' own), keyed by id",
    handler: (c) => c.json(Object.fromEntries(Object.entries(c.get("mastra").getTools()).map(([id, t]) => [id, describeTool(t)]))),
  },
  {
    method: "GET",
    path: "/api/tools/:toolId",
    tag: "tools",
    summary: "Describe one tool",
    handler: (c) => c.json(describeTool(c.get("mastra").getTool(c.req.param("toolId")!))),
  },
  {
    method: "POST",
    path: "/api/tools/:toolId/execute",
    tag: "tools",
    summary: "Execute a tool with `{ data }` as its input",
    body: executeBody,
    handler: async (c) => {
      const tool = c.get("mastra").getTool(c.req.param("toolId")!);
      const body = await readJsonBody(c, executeBody);
      const result = await tool.execute(body.data ?? {}, { requestContext: c.get("requestContext"), abortSignal: c.get("abortSignal"), mastra: c.get("mastra") });
      return c.json(result ?? null);
    },
  },
];

import type { Tool } from "../../core/tool.js";
import { toJsonSchema } from "./schema-json.js";

/** A tool as the API lists it (GET /api/tools, and each agent's tools): its schemas as JSON Schema. */
export function describeTool(tool: Tool) {
  return { id: tool.id, description: tool.description, inputSchema: toJsonSchema(tool.inputSchema), outputSchema: toJsonSchema(tool.outputSchema) };
}

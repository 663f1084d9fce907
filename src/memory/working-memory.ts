import { z } from "zod";
import { createTool, type Tool } from "../core/tool.js";

/**
 * What the model is told about working memory, with the current notes (or the empty template).
 * As in Mastra, the notes live in the system prompt and the model rewrites them through a tool.
 */
export function workingMemoryInstructions(current: string | null, template: string): string {
  return [
    "WORKING MEMORY",
    "You keep notes about the user between conversations in working memory, shown between the <working_memory> tags below.",
    "When you learn something worth remembering (their name, preferences, goals, facts about them), call the updateWorkingMemory tool",
    "with the complete updated notes in the template's Markdown format: it replaces the notes, so include what is already there.",
    "Use the notes to answer; do not tell the user about this mechanism.",
    "<working_memory>",
    (current ?? template).trim(),
    "</working_memory>",
  ].join("\n");
}

export const WORKING_MEMORY_TOOL = "updateWorkingMemory";

export function workingMemoryTool(save: (memory: string) => Promise<void>): Tool<any, any, any> {
  return createTool({
    id: WORKING_MEMORY_TOOL,
    description: "Replace the working memory (notes about the user kept between conversations) with the complete updated Markdown notes.",
    inputSchema: z.object({ memory: z.string().describe("The complete working memory in the template's Markdown format") }),
    execute: async ({ memory }) => {
      await save(memory);
      return { success: true };
    },
  });
}

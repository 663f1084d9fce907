import { streamSSE } from "hono/streaming";
import { z } from "zod";
import type { Agent, AgentCallOptions, AgentMessages } from "../../core/agent.js";
import type { MastraContext } from "../../core/api-route.js";
import { HttpError } from "../../core/errors.js";
import { readJsonBody } from "../body.js";
import { abortRequest } from "../request-setup.js";
import { describeTool } from "./describe-tool.js";
import type { BuiltinRoute } from "./route.js";

const message = z.union([z.string(), z.object({ role: z.enum(["system", "user", "assistant", "tool"]), content: z.any() }).passthrough()]);

const generateBody = z
  .object({
    messages: z.union([z.string().min(1), z.array(message).min(1)], { error: "must be a string or a non-empty list of messages" }),
    maxSteps: z.number().int().positive().max(100).optional(),
    temperature: z.number().min(0).max(2).optional(),
    maxOutputTokens: z.number().int().positive().optional(),
    memory: z
      .object({
        thread: z.union([z.string().min(1), z.object({ id: z.string().min(1), title: z.string().optional(), metadata: z.record(z.string(), z.unknown()).optional() })], {
          error: "must be a thread id or { id, title?, metadata? }",
        }),
        resource: z.string().min(1, "must be a non-empty resource id"),
        options: z.object({ lastMessages: z.union([z.number().int().nonnegative(), z.literal(false)]).optional() }).optional(),
      })
      .optional(),
    threadId: z.string().min(1).optional(),
    resourceId: z.string().min(1).optional(),
  })
  .passthrough();

// The AI SDK's own names for a prompt it cannot use: the client's fault, so 400.
const PROMPT_ERRORS = new Set(["AI_InvalidPromptError", "AI_InvalidMessageRoleError", "AI_MessageConversionError"]);

// An agent does not change after `new Mastra()`, so its description is built once.
const agentDescriptions = new WeakMap<Agent, ReturnType<typeof buildDescription>>();

function describeAgent(agent: Agent) {
  let description = agentDescriptions.get(agent);
  if (!description) agentDescriptions.set(agent, (description = buildDescription(agent)));
  return description;
}

function buildDescription(agent: Agent) {
  return {
    name: agent.name,
    instructions: agent.instructions,
    tools: Object.fromEntries(Object.entries(agent.getTools()).map(([key, t]) => [key, describeTool(t)])),
    ...agent.describeModel(),
  };
}

function asClientError(error: unknown): unknown {
  return error instanceof Error && PROMPT_ERRORS.has(error.name) ? new HttpError(400, error.message) : error;
}

/** The agent, its messages and call options from the request: shared by generate and stream. */
async function agentCall(c: MastraContext): Promise<{ agent: Agent; messages: AgentMessages; options: AgentCallOptions }> {
  const agent = c.get("mastra").getAgent(c.req.param("agentId")!);
  const body = await readJsonBody(c, generateBody);
  return {
    agent,
    // The schema admits the shapes the AI SDK takes; the SDK checks message contents itself.
    messages: body.messages as AgentMessages,
    options: {
      maxSteps: body.maxSteps,
      temperature: body.temperature,
      maxOutputTokens: body.maxOutputTokens,
      memory: body.memory,
      threadId: body.threadId,
      resourceId: body.resourceId,
      requestContext: c.get("requestContext"),
      abortSignal: c.get("abortSignal"),
    },
  };
}

export const agentRoutes: BuiltinRoute[] = [
  {
    method: "GET",
    path: "/api/agents",
    tag: "agents",
    summary: "List agents, keyed by id",
    handler: (c) => c.json(Object.fromEntries(Object.entries(c.get("mastra").getAgents()).map(([id, a]) => [id, describeAgent(a)]))),
  },
  {
    method: "GET",
    path: "/api/agents/:agentId",
    tag: "agents",
    summary: "Describe one agent",
    handler: (c) => c.json(describeAgent(c.get("mastra").getAgent(c.req.param("agentId")!))),
  },
  {
    method: "POST",
    path: "/api/agents/:agentId/generate",
    tag: "agents",
    summary: "Run the agent (with its tools) and return the full result",
    body: generateBody,
    handler: async (c) => {
      const { agent, messages, options } = await agentCall(c);
      try {
        return c.json(await agent.generate(messages, options));
      } catch (error) {
        throw asClientError(error);
      }
    },
  },
  {
    method: "POST",
    path: "/api/agents/:agentId/stream",
    tag: "agents",
    summary: "Run the agent and stream its parts as server-sent events, ending with `data: [DONE]`",
    body: generateBody,
    responds: "sse",
    handler: async (c) => {
      const { agent, messages, options } = await agentCall(c);
      // Before the first byte, so a bad thread or resource is still a JSON 4xx.
      const result = await agent.stream(messages, options).catch((error) => {
        throw asClientError(error);
      });
      return streamSSE(c, async (stream) => {
        // The timeout stops at the first byte of a stream; a client that goes away stops the model instead.
        stream.onAbort(() => abortRequest(c, new DOMException("The client disconnected", "AbortError")));
        for await (const part of result.fullStream) {
          await stream.writeSSE({ data: JSON.stringify(part.type === "error" ? { type: "error", error: errorText(part.error) } : part) });
        }
        await stream.writeSSE({ data: "[DONE]" });
      });
    },
  },
];

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

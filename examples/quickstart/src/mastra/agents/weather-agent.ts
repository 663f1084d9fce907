import { openai } from "@ai-sdk/openai";
import { Agent } from "@mastra/core/agent";
import { Memory } from "@mastra/memory";
import { localModel } from "mastra-deploy/models";
import { weatherTool } from "../tools/weather-tool";

// With OPENAI_API_KEY set in the environment at startup (never baked into the build) the agent
// uses a real model. On Workers, process.env is filled from vars and secrets by nodejs_compat.
const useOpenAI = typeof process !== "undefined" && Boolean(process.env?.OPENAI_API_KEY);
if (!useOpenAI) console.log("weather agent: no OPENAI_API_KEY set, using the deterministic local model");

// No key, no network: asked about the weather in a place, it calls weatherTool, then answers from its result.
const weatherModel = localModel({
  modelId: "deterministic-weather",
  toolCalls: [{ match: /weather (?:in|for) ([\p{L} .'-]+?)[?.!]*$/iu, tool: "weatherTool", input: (m) => ({ location: m[1]!.trim() }) }],
  answer: ({ output }) => `It is ${output.temperature}°C and ${output.conditions} in ${output.location}.`,
});

export const weatherAgent = new Agent({
  name: "Weather Agent",
  instructions: "You are a helpful weather assistant. Use the weatherTool to look up the weather for the place the user asks about.",
  model: useOpenAI ? openai("gpt-4o-mini") : weatherModel,
  tools: { weatherTool },
  // Threads of conversation (the playground lists them per agent), in the Mastra instance's store.
  memory: new Memory(),
});

import { generateText, type LanguageModel } from "ai";
import type { TitleOptions } from "./config.js";

const MAX_TITLE = 80;

const DEFAULT_INSTRUCTIONS =
  "Write a short title (at most 8 words) for a conversation that starts with the user's message below. Answer with the title only, no quotes.";

/**
 * A thread title from the first user message, written by the model (Mastra's behaviour). A model
 * that fails or is aborted never fails the turn: the message itself, shortened, is the title.
 */
export async function generateTitle(text: string, model: unknown, options: TitleOptions, abortSignal?: AbortSignal): Promise<string> {
  const fallback = shorten(text) || "New thread";
  if (!text.trim()) return fallback;
  try {
    const result = await generateText({
      model: (options.model ?? model) as LanguageModel,
      system: options.instructions ?? DEFAULT_INSTRUCTIONS,
      prompt: text,
      abortSignal,
    });
    return shorten(result.text.split("\n").find((line) => line.trim()) ?? "") || fallback;
  } catch {
    return fallback;
  }
}

function shorten(text: string): string {
  const clean = text.trim().replace(/^["'“”]+|["'“”]+$/g, "").replace(/\s+/g, " ").trim();
  return clean.length > MAX_TITLE ? `${clean.slice(0, MAX_TITLE - 1)}…` : clean;
}

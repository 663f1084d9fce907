import { z } from "zod";
import { MastraConfigError } from "../core/errors.js";
import type { MastraStorage } from "../core/storage/types.js";

/** Mastra's default working-memory template (a Markdown form the model fills in). */
export const DEFAULT_WORKING_MEMORY_TEMPLATE = `# User Information
- **First Name**:
- **Last Name**:
- **Location**:
- **Occupation**:
- **Interests**:
- **Goals**:
- **Events**:
- **Facts**:
- **Projects**:
`;

/** Mastra's default window of earlier messages put before a new prompt. */
export const DEFAULT_LAST_MESSAGES = 10;

export interface TitleOptions {
  /** A model for titles; the agent's own model when omitted. */
  model?: unknown;
  instructions?: string;
}

export interface MemoryOptions {
  /** How many earlier messages of the thread go before a new prompt; `false` for none. Default 10. */
  lastMessages?: number | false;
  /** Not supported (it needs an embedder and a vector store); only `false` is accepted. */
  semanticRecall?: false;
  workingMemory?: {
    enabled: boolean;
    /** Markdown the model keeps filled in; Mastra's user-information form by default. */
    template?: string;
    /** Kept per resource (every thread of a user shares it, the default) or per thread. */
    scope?: "resource" | "thread";
    use?: "tool-call";
  };
  threads?: {
    /** Title a new thread from its first user message with the agent's model (or the one given). Default false. */
    generateTitle?: boolean | TitleOptions;
  };
}

export interface MemoryConfig {
  /** Where threads, messages and working memory live; the Mastra instance's storage when omitted. */
  storage?: MastraStorage;
  options?: MemoryOptions;
}

export interface ResolvedMemoryOptions {
  lastMessages: number | false;
  workingMemory: { enabled: boolean; template: string; scope: "resource" | "thread" };
  generateTitle: false | TitleOptions;
}

const UNSUPPORTED_RECALL =
  "is not supported: semantic recall needs an embedder and a vector store, which this runtime does not provide; remove it (or set it to false) and rely on lastMessages and working memory";

const storageSchema = z.custom<MastraStorage>(
  (v) => typeof v === "object" && v !== null && typeof (v as MastraStorage).memory === "object" && (v as MastraStorage).memory !== null,
  { message: "must be a store such as new LibSQLStore({ url }) (an object with a `memory` domain)" },
);

const optionsSchema = z
  .object({
    lastMessages: z.union([z.number().int().nonnegative(), z.literal(false)], { error: "must be a whole number of messages or false" }).optional(),
    semanticRecall: z.any().refine((v) => !v, UNSUPPORTED_RECALL).optional(),
    workingMemory: z
      .object({
        enabled: z.boolean({ error: "must be true or false" }),
        template: z.string({ error: "must be a Markdown string" }).optional(),
        scope: z.enum(["resource", "thread"], { error: 'must be "resource" or "thread"' }).optional(),
        use: z.literal("tool-call", { error: 'must be "tool-call" (working memory is updated through the updateWorkingMemory tool)' }).optional(),
        schema: z.any().refine((v) => v === undefined, "is not supported: describe the working memory with a Markdown `template` instead").optional(),
      }, { error: "must be an object like { enabled: true }" })
      .strict()
      .optional(),
    threads: z
      .object({
        generateTitle: z
          .union([z.boolean(), z.object({ model: z.any().optional(), instructions: z.string().optional() }).strict()], {
            error: "must be true, false or { model, instructions }",
          })
          .optional(),
      }, { error: "must be an object" })
      .strict()
      .optional(),
  }, { error: "must be an object" })
  .strict();

const configSchema = z
  .object({
    storage: storageSchema.optional(),
    options: optionsSchema.optional(),
    vector: z.any().refine((v) => !v, `${UNSUPPORTED_RECALL.replace("is not supported", "(a vector store) is not used")}`).optional(),
    embedder: z.any().refine((v) => !v, `${UNSUPPORTED_RECALL.replace("is not supported", "(an embedder) is not used")}`).optional(),
  }, { error: "must be an object" })
  .strict();

/** Validate `new Memory(config)`; the error names the bad field, e.g. `memory.options.semanticRecall`. */
export function resolveMemoryConfig(config: unknown): { storage?: MastraStorage; options: ResolvedMemoryOptions } {
  const parsed = configSchema.safeParse(config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const path = ["memory", ...issue.path.map(String), ...(keys.length ? [keys[0]] : [])].join(".");
    const reason = keys.length ? "is not a Memory option" : issue.message;
    throw new MastraConfigError(path, reason);
  }
  const { storage, options = {} } = parsed.data;
  const title = options.threads?.generateTitle;
  return {
    storage,
    options: {
      lastMessages: options.lastMessages ?? DEFAULT_LAST_MESSAGES,
      workingMemory: {
        enabled: options.workingMemory?.enabled ?? false,
        template: options.workingMemory?.template ?? DEFAULT_WORKING_MEMORY_TEMPLATE,
        scope: options.workingMemory?.scope ?? "resource",
      },
      generateTitle: title === true ? {} : title ? title : false,
    },
  };
}

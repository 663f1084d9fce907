import { Agent } from "./agent.js";
import { z } from "zod";
import { resolveServerConfig, serverSchema, type ResolvedServerConfig, type ServerConfig } from "./config.js";
import { checkOptions, options } from "./config-options.js";
import { MastraConfigError, NotFoundError } from "./errors.js";
import { isLogger, resolveLogger, type IMastraLogger } from "./logger.js";
import type { Tool } from "./tool.js";
import { Workflow } from "./workflow/index.js";
import { InMemoryStore } from "./storage/in-memory.js";
import { isMastraStorage } from "./storage/is-storage.js";
import type { MastraStorage } from "./storage/types.js";

export interface MastraConfig {
  agents?: Record<string, Agent>;
  workflows?: Record<string, Workflow<any, any>>;
  tools?: Record<string, Tool<any, any, any>>;
  server?: ServerConfig;
  /** Where workflow runs (and agent memory) are kept: any store from `@mastra/core/storage`'s contract; in memory by default. */
  storage?: MastraStorage;
  /**
   * Where the server's request lines and errors go: a logger (`new PinoLogger(...)`,
   * `new ConsoleLogger(...)`), or `false` for none. Default: the console, "info" under
   * `mastra dev` and "warn" elsewhere.
   */
  logger?: IMastraLogger | false;
}

const registry = (ok: (v: unknown) => boolean, reason: string) =>
  z.record(z.string(), z.custom((v) => ok(v), { error: reason }), { error: "must be an object keyed by id" }).optional();

/**
 * `new Mastra({ … })`: one line per option we implement; Mastra's other options are refused
 * with what to do instead.
 */
const mastraSchema = options({
  agents: registry((v) => v instanceof Agent, "must be an Agent (new Agent({...}))"),
  workflows: registry((v) => v instanceof Workflow, "must be a workflow made with createWorkflow(...).commit()"),
  tools: registry((v) => isTool(v), "must be a tool made with createTool()"),
  server: serverSchema.optional(),
  storage: z.custom((v) => isMastraStorage(v), { error: "must be a store (new LibSQLStore(...), new PostgresStore(...), new D1Store(...) or new InMemoryStore())" }).optional(),
  logger: z
    .custom((v) => v === false || isLogger(v), { error: "must be false or a logger such as new PinoLogger({ name, level }) or new ConsoleLogger() (with debug, info, warn and error methods)" })
    .optional(),
}, {
  memory: "memory belongs to an agent: new Agent({ memory })",
  serverMiddleware: "use server.middleware",
  deployer: "deploy with `mastra deploy --target <name>`",
  bundler: "`mastra build` bundles every dependency and keeps native addons external by itself",
  telemetry: "leave it out",
  observability: "leave it out",
  vectors: "vector stores are not supported",
  legacy_workflows: "use `workflows` (createWorkflow)",
  tts: "text-to-speech is not supported",
  idGenerator: "run ids are random UUIDs",
  mcpServers: "MCP servers are not supported",
  pubsub: "leave it out",
  scorers: "scorers are not supported",
  gateways: "pass an AI SDK model to the agent",
  events: "leave it out",
});

// A registry-wide symbol, so an instance is recognised even when two copies of this module are loaded.
const MASTRA_BRAND = Symbol.for("mastra-deploy.Mastra");

export class Mastra {
  readonly [MASTRA_BRAND] = true;
  private readonly agents: Record<string, Agent>;
  private readonly workflows: Record<string, Workflow<any, any>>;
  private readonly tools: Record<string, Tool<any, any, any>>;
  private readonly server: ResolvedServerConfig;
  private storage: MastraStorage;
  private storageIsDefault: boolean;
  private readonly logger: IMastraLogger;

  constructor(config: MastraConfig = {}) {
    checkOptions(mastraSchema, config);
    this.agents = config.agents ?? {};
    this.workflows = config.workflows ?? {};
    this.tools = config.tools ?? {};
    this.server = resolveServerConfig(config.server);
    this.storageIsDefault = config.storage === undefined;
    this.logger = resolveLogger(config.logger);
    this.storage = config.storage ?? new InMemoryStore();
    for (const workflow of Object.values(this.workflows)) workflow.__registerMastra(this);
    for (const agent of Object.values(this.agents)) agent.__registerMastra(this);
  }

  static isMastra(value: unknown): value is Mastra {
    return typeof value === "object" && value !== null && (value as any)[MASTRA_BRAND] === true;
  }

  getAgent(id: string): Agent {
    const agent = Object.hasOwn(this.agents, id) ? this.agents[id] : undefined;
    if (!agent) throw new NotFoundError(`Agent "${id}" not found`);
    return agent;
  }

  getAgents(): Record<string, Agent> {
    return { ...this.agents };
  }

  getWorkflow(id: string): Workflow<any, any> {
    const workflow = Object.hasOwn(this.workflows, id) ? this.workflows[id] : undefined;
    if (!workflow) throw new NotFoundError(`Workflow "${id}" not found`);
    return workflow;
  }

  getWorkflows(): Record<string, Workflow<any, any>> {
    return { ...this.workflows };
  }

  getTool(id: string): Tool<any, any, any> {
    const tool = this.getTools()[id];
    if (!tool) throw new NotFoundError(`Tool "${id}" not found`);
    return tool;
  }

  /** Registered tools, plus every agent's tools (a registered tool wins on a name clash). */
  getTools(): Record<string, Tool<any, any, any>> {
    const fromAgents = Object.values(this.agents).flatMap((a) => Object.values(a.getTools()).map((t) => [t.id, t] as const));
    return { ...Object.fromEntries(fromAgents), ...this.tools };
  }

  getServer(): ResolvedServerConfig {
    return this.server;
  }

  getStorage(): MastraStorage {
    return this.storage;
  }

  /** Replace the store (Mastra's `setStorage`); call it before serving requests. */
  setStorage(storage: MastraStorage): void {
    this.storage = checkedStorage(storage);
    this.storageIsDefault = false;
  }

  /**
   * The runtime's store for an app that configured none: the node and docker runtimes give it a
   * SQLite file instead of memory. It stays the default (`usesDefaultStorage()` is still true, and
   * build.json still says the app configured no storage); an app's own `storage` is never replaced.
   */
  setDefaultStorage(storage: MastraStorage): void {
    if (this.storageIsDefault) this.storage = checkedStorage(storage);
  }

  /** True while the app runs on the store it got because it passed no `storage` (in memory, or the runtime's default). */
  usesDefaultStorage(): boolean {
    return this.storageIsDefault;
  }

  getLogger(): IMastraLogger {
    return this.logger;
  }
}

function checkedStorage(storage: MastraStorage): MastraStorage {
  if (!isMastraStorage(storage)) throw new MastraConfigError("storage", "must be a store (new LibSQLStore(...), new PostgresStore(...), new D1Store(...) or new InMemoryStore())");
  return storage;
}

function isTool(value: unknown): value is Tool {
  return typeof value === "object" && value !== null && typeof (value as Tool).id === "string" && typeof (value as Tool).execute === "function";
}

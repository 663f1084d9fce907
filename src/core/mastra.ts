import { Agent } from "./agent.js";
import { resolveServerConfig, type ResolvedServerConfig, type ServerConfig } from "./config.js";
import { MastraConfigError, NotFoundError } from "./errors.js";
import type { Tool } from "./tool.js";
import { Workflow } from "./workflow.js";
import { InMemoryWorkflowStorage, type WorkflowStorage } from "./workflow-storage.js";

export interface MastraConfig {
  agents?: Record<string, Agent>;
  workflows?: Record<string, Workflow<any, any>>;
  tools?: Record<string, Tool<any, any, any>>;
  server?: ServerConfig;
  /** Where workflow runs are kept; in memory by default. */
  storage?: WorkflowStorage;
}

// A registry-wide symbol, so an instance is recognised even when two copies of this module are loaded.
const MASTRA_BRAND = Symbol.for("mastra-deploy.Mastra");

export class Mastra {
  readonly [MASTRA_BRAND] = true;
  private readonly agents: Record<string, Agent>;
  private readonly workflows: Record<string, Workflow<any, any>>;
  private readonly tools: Record<string, Tool<any, any, any>>;
  private readonly server: ResolvedServerConfig;
  private readonly storage: WorkflowStorage;

  constructor(config: MastraConfig = {}) {
    if (typeof config !== "object" || config === null) throw new MastraConfigError("config", "must be an object");
    this.agents = checkRecord(config.agents, "agents", (v) => v instanceof Agent, "must be an Agent (new Agent({...}))");
    this.workflows = checkRecord(config.workflows, "workflows", (v) => v instanceof Workflow, "must be a workflow made with createWorkflow(...).commit()");
    this.tools = checkRecord(config.tools, "tools", (v) => isTool(v), "must be a tool made with createTool()");
    this.server = resolveServerConfig(config.server);
    this.storage = config.storage ?? new InMemoryWorkflowStorage();
    for (const workflow of Object.values(this.workflows)) workflow.useStorage(this.storage);
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

  getStorage(): WorkflowStorage {
    return this.storage;
  }
}

function isTool(value: unknown): value is Tool {
  return typeof value === "object" && value !== null && typeof (value as Tool).id === "string" && typeof (value as Tool).execute === "function";
}

function checkRecord<T>(value: unknown, field: string, ok: (v: unknown) => boolean, reason: string): Record<string, T> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new MastraConfigError(field, "must be an object keyed by id");
  for (const [key, entry] of Object.entries(value)) if (!ok(entry)) throw new MastraConfigError(`${field}.${key}`, reason);
  return value as Record<string, T>;
}

export { Mastra, type MastraConfig } from "./mastra.js";
export { Agent, type AgentConfig, type AgentCallOptions, type AgentGenerateResult, type AgentMessages } from "./agent.js";
export { createTool, type Tool, type ToolConfig, type ToolExecutionContext } from "./tool.js";
export { createStep, createWorkflow, resultOfRun, Workflow, Run, type Step, type StepResult, type WorkflowResult, type StepExecutionContext } from "./workflow.js";
export { InMemoryStore, type MastraStorage, type WorkflowRun, type WorkflowRunStatus, type WorkflowRunSnapshot } from "./storage/index.js";
export { RequestContext, RuntimeContext } from "./request-context.js";
export { registerApiRoute, type ApiRoute, type ApiRouteOptions, type HttpMethod, type Middleware, type MastraContext, type MastraEnv, type MastraVariables, type RouteHandler } from "./api-route.js";
export { HttpError, NotFoundError, ValidationError, MastraConfigError } from "./errors.js";
export { DEFAULT_PORT, DEFAULT_TIMEOUT_MS, DEFAULT_BODY_SIZE_LIMIT, type ServerConfig, type ResolvedServerConfig, type CorsConfig, type MiddlewareEntry } from "./config.js";

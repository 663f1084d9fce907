import type { SerializedEntry, SerializedStep } from "../../../../core/workflow/graph.js";
import type { WatchEvent } from "../../../../core/workflow/run.js";
import type { StepRecord, WorkflowRunStatus } from "../../../../core/storage/types.js";
import type { JsonSchema } from "../../components/schema-form.js";

/** The JSON the workflow routes answer with; the engine's own types where it has them. */
export type { JsonSchema, SerializedEntry, SerializedStep, StepRecord, WatchEvent, WorkflowRunStatus };

export interface StepInfo {
  id: string;
  description?: string;
  inputSchema?: JsonSchema | string;
  outputSchema?: JsonSchema | string;
  resumeSchema?: JsonSchema | string;
  suspendSchema?: JsonSchema | string;
  isWorkflow?: boolean;
}

/** `GET /api/workflows/:id` (and each value of `GET /api/workflows`). */
export interface WorkflowInfo {
  name: string;
  description?: string;
  steps: Record<string, StepInfo>;
  /** Nested workflows' steps keyed `nestedId.stepId`, like the run's step records. */
  allSteps: Record<string, StepInfo>;
  stepGraph: SerializedEntry[];
  inputSchema?: JsonSchema | string;
  outputSchema?: JsonSchema | string;
}

/** `GET /api/workflows/:id/runs/:runId` (and each of `…/runs`' `runs`). */
export interface StoredRun {
  workflowName: string;
  runId: string;
  resourceId?: string;
  status: WorkflowRunStatus;
  snapshot: { status: WorkflowRunStatus; input?: unknown; steps: Record<string, StepRecord>; result?: unknown; error?: string; suspended?: string[][]; suspendPayload?: unknown };
  createdAt: string;
  updatedAt: string;
}

/** What the page shows of one run, from a stored run or the latest watch event. */
export interface RunState {
  runId: string;
  status: WorkflowRunStatus;
  input?: unknown;
  steps: Record<string, StepRecord>;
  result?: unknown;
  error?: string;
  /** Paths of the suspended steps (`[stepId]`, or `[nestedId, stepId]`). */
  suspended: string[][];
  createdAt?: string;
}

/** A schema from the describe routes as an object (parsing Mastra's string form), or undefined. */
export function schemaOf(schema: JsonSchema | string | undefined): JsonSchema | undefined {
  if (schema === undefined || schema === null) return undefined;
  if (typeof schema !== "string") return schema;
  try {
    const parsed = JSON.parse(schema) as unknown;
    // superjson's envelope, as Mastra's server writes it.
    const json = parsed && typeof parsed === "object" && "json" in parsed ? (parsed as { json: unknown }).json : parsed;
    return json && typeof json === "object" ? (json as JsonSchema) : undefined;
  } catch {
    return undefined;
  }
}

import { z } from "zod";
import { HttpError, NotFoundError } from "../../core/errors.js";
import { parseWith } from "../../core/validate.js";
import { resultOfRun, type Workflow } from "../../core/workflow.js";
import type { WorkflowRun } from "../../core/storage/types.js";
import type { MastraContext } from "../../core/api-route.js";
import { readJsonBody } from "../body.js";
import type { BuiltinRoute } from "./route.js";
import { toJsonSchema } from "./schema-json.js";

const startBody = z.object({ inputData: z.unknown().optional() }).passthrough();
const runsQuery = z.object({
  limit: z.coerce.number().int().positive().max(1000).optional(),
  offset: z.coerce.number().int().nonnegative().optional(),
  status: z.enum(["created", "running", "suspended", "success", "failed", "canceled"]).optional(),
  resourceId: z.string().optional(),
  fromDate: z.coerce.date().optional(),
  toDate: z.coerce.date().optional(),
});

/** A stored run as clients see it; `result` is what `start-async` answered, once the run has finished. */
function runJson(run: WorkflowRun) {
  return { ...run, workflowId: run.workflowName, result: resultOfRun(run) };
}

function describeWorkflow(workflow: Workflow<any, any>) {
  return {
    name: workflow.id,
    description: workflow.description,
    steps: Object.fromEntries(
      Object.entries(workflow.steps).map(([id, s]) => [
        id,
        { id, description: s.description, inputSchema: toJsonSchema(s.inputSchema), outputSchema: toJsonSchema(s.outputSchema) },
      ]),
    ),
    stepGraph: workflow.stepGraph,
    inputSchema: toJsonSchema(workflow.inputSchema),
    outputSchema: toJsonSchema(workflow.outputSchema),
  };
}

function workflowOf(c: MastraContext) {
  return c.get("mastra").getWorkflow(c.req.param("workflowId")!);
}

/** Reads and checks the body before a run starts, so a bad `inputData` is a 400 listing its fields. */
async function startRequest(c: MastraContext, workflow: Workflow<any, any>) {
  const body = await readJsonBody(c, startBody);
  const inputData = await parseWith(workflow.inputSchema, body.inputData, "inputData");
  return { inputData, requestContext: c.get("requestContext") };
}

export const workflowRoutes: BuiltinRoute[] = [
  {
    method: "GET",
    path: "/api/workflows",
    tag: "workflows",
    summary: "List workflows, keyed by id",
    handler: (c) => c.json(Object.fromEntries(Object.entries(c.get("mastra").getWorkflows()).map(([id, w]) => [id, describeWorkflow(w)]))),
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId",
    tag: "workflows",
    summary: "Describe one workflow: steps, step graph and schemas",
    handler: (c) => c.json(describeWorkflow(workflowOf(c))),
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/create-run",
    tag: "workflows",
    summary: "Create a run and return its id",
    query: { runId: "Use this id instead of a generated one" },
    handler: async (c) => {
      const run = await workflowOf(c).createRun({ runId: c.req.query("runId") || undefined });
      return c.json({ runId: run.runId });
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/start-async",
    tag: "workflows",
    summary: "Run the workflow to completion and return its result",
    query: { runId: "An id from create-run; a new run is created when omitted" },
    body: startBody,
    handler: async (c) => {
      const workflow = workflowOf(c);
      const request = await startRequest(c, workflow);
      const run = await workflow.createRun({ runId: c.req.query("runId") || undefined });
      return c.json(await run.start({ ...request, abortSignal: c.get("abortSignal") }));
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/start",
    tag: "workflows",
    summary: "Start a created run in the background; poll runs/:runId for its result",
    query: { runId: "Required: an id from create-run" },
    body: startBody,
    handler: async (c) => {
      const workflow = workflowOf(c);
      const runId = c.req.query("runId");
      if (!runId) throw new HttpError(400, "Missing query parameter runId (create one with POST /api/workflows/:workflowId/create-run)");
      const request = await startRequest(c, workflow);
      const run = await workflow.createRun({ runId });
      // Not tied to this request's timeout: the run outlives the response by design.
      const work = run.start(request).catch((error) => console.error(`workflow ${workflow.id} run ${runId}:`, error));
      keepAlive(c, work);
      return c.json({ message: "Workflow run started", runId });
    },
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId/runs",
    tag: "workflows",
    summary: "List runs, newest first (`limit`, `offset`; filters `status`, `resourceId`, `fromDate`, `toDate`)",
    query: {
      limit: "Page size",
      offset: "Runs to skip",
      status: "Only runs in this status",
      resourceId: "Only runs of this resource",
      fromDate: "Only runs created at or after this ISO date",
      toDate: "Only runs created at or before this ISO date",
    },
    handler: async (c) => {
      const workflow = workflowOf(c);
      const filter = await parseWith(runsQuery, c.req.query(), "query");
      const { runs, total } = await workflow.getStorage().workflows.listRuns({ ...filter, workflowName: workflow.id });
      return c.json({ runs: runs.map(runJson), total });
    },
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId/runs/:runId",
    tag: "workflows",
    summary: "One run: status and, when finished, its result",
    handler: async (c) => {
      const workflow = workflowOf(c);
      const runId = c.req.param("runId")!;
      const run = await workflow.getStorage().workflows.getRun(workflow.id, runId);
      if (!run) throw new NotFoundError(`Run "${runId}" of workflow "${workflow.id}" not found`);
      return c.json(runJson(run));
    },
  },
];

/** On Workers and other serverless runtimes, work after the response must be handed to waitUntil. */
function keepAlive(c: MastraContext, work: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (Node): the process stays up, nothing to do.
  }
}

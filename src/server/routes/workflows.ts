import { z } from "zod";
import { HttpError, NotFoundError } from "../../core/errors.js";
import { parseWith } from "../../core/validate.js";
import type { Workflow } from "../../core/workflow/index.js";
import { collectSteps, type Runnable } from "../../core/workflow/graph.js";
import { resultOfRun, watchEvent, type WatchEvent } from "../../core/workflow/run.js";
import type { WorkflowRun, WorkflowRunStatus } from "../../core/storage/types.js";
import type { MastraContext } from "../../core/api-route.js";
import { readJsonBody } from "../body.js";
import type { BuiltinRoute } from "./route.js";
import { toJsonSchema } from "./schema-json.js";

const startBody = z.object({ inputData: z.unknown().optional() }).passthrough();
const stepRef = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const resumeBody = z.object({ step: stepRef.optional(), resumeData: z.unknown().optional() }).passthrough();
const runStatus = z.enum(["created", "running", "suspended", "success", "failed", "canceled"]);
const runsQuery = z.object({
  limit: z.coerce.number().int().positive().max(1000).optional(),
  offset: z.coerce.number().int().nonnegative().optional(),
  status: runStatus.optional(),
  resourceId: z.string().optional(),
  fromDate: z.coerce.date().optional(),
  toDate: z.coerce.date().optional(),
});

/** Record separator: @mastra/client-js splits a watch stream on it (one JSON watch event per record). */
const RECORD_SEPARATOR = "\x1E";
/** A run executing on another instance is seen through the store, read this often while watched. */
const WATCH_POLL_MS = 500;
const STOPPED: WorkflowRunStatus[] = ["success", "failed", "canceled", "suspended"];

/** A stored run as clients see it; `result` is what `start-async` answered, once the run has stopped. */
function runJson(run: WorkflowRun) {
  return { ...run, workflowId: run.workflowName, result: resultOfRun(run) };
}

function describeStep(s: Runnable) {
  const isWorkflow = s.kind === "workflow";
  return {
    id: s.id,
    description: s.description,
    inputSchema: toJsonSchema(s.inputSchema),
    outputSchema: toJsonSchema(s.outputSchema),
    resumeSchema: isWorkflow ? undefined : toJsonSchema(s.resumeSchema),
    suspendSchema: isWorkflow ? undefined : toJsonSchema(s.suspendSchema),
    isWorkflow,
  };
}

/**
 * Every step, nested workflows' steps keyed by their path (`nestedId.stepId`) as Mastra keys them: the
 * same keys a run's step records use, so a client finds a nested step's schemas by its record's key.
 */
function describeAllSteps(steps: Record<string, Runnable>, prefix = ""): Record<string, ReturnType<typeof describeStep>> {
  const out: Record<string, ReturnType<typeof describeStep>> = {};
  for (const step of Object.values(steps)) {
    const key = prefix + step.id;
    out[key] = describeStep(step);
    if (step.kind === "workflow") Object.assign(out, describeAllSteps(collectSteps(step.graph, {}, false), `${key}.`));
  }
  return out;
}

function describeWorkflow(workflow: Workflow<any, any>) {
  return {
    name: workflow.id,
    description: workflow.description,
    steps: Object.fromEntries(Object.values(workflow.steps).map((s) => [s.id, describeStep(s)])),
    allSteps: describeAllSteps(workflow.steps),
    stepGraph: workflow.stepGraph,
    inputSchema: toJsonSchema(workflow.inputSchema),
    outputSchema: toJsonSchema(workflow.outputSchema),
  };
}

function workflowOf(c: MastraContext) {
  return c.get("mastra").getWorkflow(c.req.param("workflowId")!);
}

/** The path's workflow and the required `runId` query (400 without it). */
function workflowRunOf(c: MastraContext) {
  const workflow = workflowOf(c);
  const runId = c.req.query("runId");
  if (!runId) throw new HttpError(400, "Missing query parameter runId (create one with POST /api/workflows/:workflowId/create-run)");
  return { workflow, runId };
}

/** Reads and checks the body before a run starts, so a bad `inputData` is a 400 listing its fields. */
async function startRequest(c: MastraContext, workflow: Workflow<any, any>) {
  const body = await readJsonBody(c, startBody);
  const inputData = await parseWith(workflow.inputSchema, body.inputData, "inputData");
  return { inputData, requestContext: c.get("requestContext") };
}

async function resumeRequest(c: MastraContext) {
  const body = await readJsonBody(c, resumeBody);
  return { step: body.step, resumeData: body.resumeData, requestContext: c.get("requestContext") };
}

async function storedRun(workflow: Workflow<any, any>, runId: string) {
  const run = await workflow.getStorage().getRun(workflow.id, runId);
  if (!run) throw new NotFoundError(`Run "${runId}" of workflow "${workflow.id}" not found`);
  return run;
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
    summary: "Describe one workflow: steps, step graph (Mastra's serialized step flow: step, parallel, conditional, loop, foreach, sleep) and schemas",
    handler: (c) => c.json(describeWorkflow(workflowOf(c))),
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/create-run",
    tag: "workflows",
    summary: "Create a run (saved with status `created`) and return its id",
    query: { runId: "Use this id instead of a generated one", resourceId: "The resource (user, tenant) the run belongs to" },
    handler: async (c) => {
      const run = await workflowOf(c).createRun({ runId: c.req.query("runId") || undefined, resourceId: c.req.query("resourceId") || undefined });
      return c.json({ runId: run.runId });
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/start-async",
    tag: "workflows",
    summary: "Run the workflow until it finishes or suspends and return its result (409 if the run has already started)",
    query: { runId: "An id from create-run; a new run is created when omitted" },
    body: startBody,
    handler: async (c) => {
      const workflow = workflowOf(c);
      const request = await startRequest(c, workflow);
      const runId = c.req.query("runId");
      // Without a runId the run is new and starts at once: its first save already says `running`,
      // so the `created` row createRun would write (and read back) first is skipped — two of a
      // short run's seven store round trips, which a file or a network store pays for.
      const run = runId ? await workflow.createRun({ runId }) : workflow.openRun(crypto.randomUUID());
      return c.json(await run.start({ ...request, abortSignal: c.get("abortSignal") }));
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/start",
    tag: "workflows",
    summary: "Start a created run in the background; poll runs/:runId or watch it",
    query: { runId: "Required: an id from create-run" },
    body: startBody,
    handler: async (c) => {
      const { workflow, runId } = workflowRunOf(c);
      const request = await startRequest(c, workflow);
      const run = await workflow.createRun({ runId });
      inBackground(c, workflow, runId, await run.prepareStart(request));
      return c.json({ message: "Workflow run started", runId });
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/resume-async",
    tag: "workflows",
    summary:
      "Resume a suspended run from the store (on any instance) and return its result. 404 unknown run, 409 not suspended, 400 unknown step or `resumeData` failing the step's resumeSchema",
    query: { runId: "Required: the suspended run" },
    body: resumeBody,
    handler: async (c) => {
      const { workflow, runId } = workflowRunOf(c);
      const run = workflow.openRun(runId);
      return c.json(await run.resume({ ...(await resumeRequest(c)), abortSignal: c.get("abortSignal") }));
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/resume",
    tag: "workflows",
    summary: "Resume a suspended run in the background (same checks as resume-async); poll runs/:runId or watch it",
    query: { runId: "Required: the suspended run" },
    body: resumeBody,
    handler: async (c) => {
      const { workflow, runId } = workflowRunOf(c);
      inBackground(c, workflow, runId, await workflow.openRun(runId).prepareResume(await resumeRequest(c)));
      return c.json({ message: "Workflow run resumed", runId });
    },
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId/watch",
    tag: "workflows",
    summary:
      "Stream the run's watch events (JSON records each followed by \\x1E, as @mastra/client-js reads them): the current state first, then one per step start and end, until the run finishes or suspends",
    query: { runId: "Required: the run to watch" },
    responds: "text",
    handler: async (c) => {
      const { workflow, runId } = workflowRunOf(c);
      const initial = await storedRun(workflow, runId);
      // A run executing here starts from its live state: a step running now is not saved yet.
      const snapshot = workflow.activeRuns.get(runId)?.snapshot ?? initial.snapshot;
      return new Response(watchStream(workflow, runId, snapshot, initial.updatedAt, c.req.raw.signal), {
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" },
      });
    },
  },
  {
    method: "POST",
    path: "/api/workflows/:workflowId/runs/:runId/cancel",
    tag: "workflows",
    summary: "Cancel a run: abort it if it executes on this instance, mark it canceled in the store (409 if it already finished)",
    handler: async (c) => {
      const workflow = workflowOf(c);
      await workflow.openRun(c.req.param("runId")!).cancel();
      return c.json({ message: "Workflow run cancelled" });
    },
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId/runs",
    tag: "workflows",
    summary: "List runs, newest first: { runs, total }",
    query: {
      limit: "Page size",
      offset: "Runs to skip",
      status: "Only runs with this status",
      resourceId: "Only runs of this resource",
      fromDate: "Created at or after (ISO date)",
      toDate: "Created at or before (ISO date)",
    },
    handler: async (c) => {
      const workflow = workflowOf(c);
      const filter = await parseWith(runsQuery, c.req.query(), "query");
      const { runs, total } = await workflow.getStorage().listRuns({ ...filter, workflowName: workflow.id });
      return c.json({ runs: runs.map(runJson), total });
    },
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId/runs/:runId",
    tag: "workflows",
    summary: "One run: { workflowName, runId, status, snapshot: { status, input, steps, result | error | suspended }, createdAt, updatedAt, result: what start-async answered, once stopped }",
    handler: async (c) => c.json(runJson(await storedRun(workflowOf(c), c.req.param("runId")!))),
  },
  {
    method: "GET",
    path: "/api/workflows/:workflowId/runs/:runId/execution-result",
    tag: "workflows",
    summary: "A run's state as Mastra reports it: { status, result, error, payload, steps, serializedStepGraph }",
    handler: async (c) => {
      const workflow = workflowOf(c);
      const { snapshot } = await storedRun(workflow, c.req.param("runId")!);
      return c.json({
        status: snapshot.status,
        result: snapshot.result,
        error: snapshot.error,
        payload: snapshot.input,
        steps: snapshot.steps,
        activeStepsPath: {},
        serializedStepGraph: workflow.stepGraph,
      });
    },
  },
];

/**
 * Events of a run executing here come straight from the engine; a run executing on another instance
 * is followed through the store. Either way the stream ends when the run finishes or suspends.
 */
function watchStream(workflow: Workflow<any, any>, runId: string, snapshot: WatchSnapshot, updatedAt: Date, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let lastUpdate = updatedAt.getTime();
      const close = () => {
        if (closed) return;
        closed = true;
        stop();
        controller.close();
      };
      const send = (event: WatchEvent) => {
        if (closed) return;
        controller.enqueue(encoder.encode(JSON.stringify(event) + RECORD_SEPARATOR));
        if (STOPPED.includes(event.payload.workflowState.status) && !workflow.activeRuns.get(runId)) close();
      };
      const unsubscribe = workflow.activeRuns.watch(runId, (event) => {
        send(event);
        if (STOPPED.includes(event.payload.workflowState.status)) close();
      });
      const poll = setInterval(async () => {
        if (workflow.activeRuns.get(runId)) return;
        try {
          const run = await workflow.getStorage().getRun(workflow.id, runId);
          if (!run || run.updatedAt.getTime() === lastUpdate) return;
          lastUpdate = run.updatedAt.getTime();
          send(watchEvent(runId, run.snapshot));
        } catch {
          close();
        }
      }, WATCH_POLL_MS);
      const onAbort = () => close();
      signal.addEventListener("abort", onAbort, { once: true });
      stop = () => {
        unsubscribe();
        clearInterval(poll);
        signal.removeEventListener("abort", onAbort);
      };
      send(watchEvent(runId, snapshot));
    },
    cancel() {
      stop();
    },
  });
}

type WatchSnapshot = Parameters<typeof watchEvent>[1];

/**
 * Runs `go` after the response, not tied to this request's timeout: the run outlives the response by
 * design. On Workers and other serverless runtimes, that work must be handed to waitUntil.
 */
function inBackground(c: MastraContext, workflow: Workflow<any, any>, runId: string, go: () => Promise<unknown>): void {
  const logger = c.get("mastra").getLogger();
  const work = go().catch((error) => logger.error(`Workflow ${workflow.id} run ${runId} failed`, { workflowId: workflow.id, runId, error }));
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (Node): the process stays up, nothing to do.
  }
}

/**
 * Workflows: the list, and for one workflow its step graph, a run form from its input schema, the
 * shown run's steps lighting up as the watch stream reports them, each step's input and output, a
 * resume form for a suspended run, and the runs history.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, errorMessage, type ValidationIssue } from "../api.js";
import { ErrorBox } from "../components/error-box.js";
import { ItemList } from "../components/item-list.js";
import { SchemaForm, fieldErrors } from "../components/schema-form.js";
import { useLoad } from "../components/use-load.js";
import { StepGraph, statusText } from "./workflows/graph.js";
import { ResumeForm } from "./workflows/resume-form.js";
import { STOPPED, suspendPayloadAt } from "./workflows/run-state.js";
import { JsonBlock, StepDetail } from "./workflows/step-detail.js";
import { schemaOf, type RunState, type StoredRun } from "./workflows/types.js";
import { cancelRun, describeWorkflow, followRun, listRuns, listWorkflows, loadRun, resumeRun, startRun } from "./workflows/workflow-api.js";

export function WorkflowsView({ workflowId, reloadKey }: { workflowId?: string; reloadKey: number }) {
  const list = useLoad((signal) => listWorkflows(signal), [reloadKey]);
  const items = Object.entries(list.data ?? {}).map(([id, w]) => ({ id, title: id, detail: w.description ?? `${Object.keys(w.steps).length} steps` }));
  return (
    <div class="split">
      <ItemList label="Workflows" section="workflows" items={items} currentId={workflowId} />
      <section class="detail" aria-label="Workflow">
        {list.error ? <ErrorBox error={list.error} title="Could not list the workflows" /> : null}
        {workflowId ? <WorkflowDetail key={workflowId} workflowId={workflowId} reloadKey={reloadKey} /> : <p class="muted">Pick a workflow to see its steps, run it and read its runs.</p>}
      </section>
    </div>
  );
}

function WorkflowDetail({ workflowId, reloadKey }: { workflowId: string; reloadKey: number }) {
  const info = useLoad((signal) => describeWorkflow(workflowId, signal), [workflowId, reloadKey]);
  const runs = useLoad((signal) => listRuns(workflowId, signal), [workflowId, reloadKey]);
  const [run, setRun] = useState<RunState>();
  const [selectedStep, setSelectedStep] = useState<string>();
  const [inputIssues, setInputIssues] = useState<ValidationIssue[]>();
  const [resumeIssues, setResumeIssues] = useState<ValidationIssue[]>();
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const watching = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => watching.current?.abort(), []);
  // After `mastra dev` swaps in a new server, a run still moving is followed there.
  useEffect(() => {
    if (reloadKey > 0 && run && !STOPPED.has(run.status)) follow(run.runId);
  }, [reloadKey]);

  function follow(runId: string) {
    watching.current?.abort();
    const controller = new AbortController();
    watching.current = controller;
    followRun(workflowId, runId, setRun, controller.signal)
      .catch((e) => !controller.signal.aborted && setActionError(e))
      .finally(() => !controller.signal.aborted && runs.reload());
  }

  /** Runs `work`; a 400 with issues goes to the form that sent it, anything else above the forms. */
  async function act(work: () => Promise<void>, setIssues: (issues: ValidationIssue[] | undefined) => void) {
    setBusy(true);
    setActionError(undefined);
    try {
      await work();
      setIssues(undefined);
    } catch (e) {
      const issues = e instanceof ApiError && e.status === 400 ? e.issues : undefined;
      setIssues(issues);
      if (!issues) setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  const start = (inputData: unknown) =>
    act(async () => {
      const runId = await startRun(workflowId, inputData);
      setResumeIssues(undefined);
      setSelectedStep(undefined);
      setRun({ runId, status: "running", input: inputData, steps: {}, suspended: [], createdAt: new Date().toISOString() });
      follow(runId);
      runs.reload();
    }, setInputIssues);

  const resume = (path: string[], resumeData: unknown) =>
    act(async () => {
      if (!run) return;
      await resumeRun(workflowId, run.runId, path, resumeData);
      follow(run.runId);
    }, setResumeIssues);

  const cancel = (runId: string) =>
    act(async () => {
      await cancelRun(workflowId, runId);
      await open(runId);
    }, () => {});

  async function open(runId: string) {
    watching.current?.abort();
    setActionError(undefined);
    setResumeIssues(undefined);
    setSelectedStep(undefined);
    try {
      const loaded = await loadRun(workflowId, runId);
      setRun(loaded);
      if (!STOPPED.has(loaded.status)) follow(runId);
    } catch (e) {
      setActionError(e);
    }
  }

  if (info.error && !info.data) return <ErrorBox error={info.error} title={`Could not load ${workflowId}`} />;
  if (!info.data) return <p class="muted" aria-busy="true">Loading {workflowId}…</p>;
  const workflow = info.data;
  const stepKey = selectedStep ?? attentionStep(run);

  return (
    <div class="wf-detail">
      <header>
        <h1>{workflow.name}</h1>
        {workflow.description ? <p class="muted">{workflow.description}</p> : null}
      </header>
      {/* After a server swap the workflow may be gone or renamed: say so above what was last loaded. */}
      {info.error ? <ErrorBox error={info.error} title={`Could not reload ${workflowId}`} /> : null}

      <section aria-labelledby="wf-steps-title">
        <h2 id="wf-steps-title">Steps</h2>
        <StepGraph graph={workflow.stepGraph} steps={run?.steps ?? {}} selected={stepKey} onSelect={setSelectedStep} />
      </section>

      <div class="wf-columns">
        <section aria-labelledby="wf-run-title">
          <h2 id="wf-run-title">Run</h2>
          {/* Without an input schema the whole input is one JSON field. */}
          <SchemaForm schema={schemaOf(workflow.inputSchema) ?? {}} onSubmit={start} errors={fieldErrors(inputIssues)} submitLabel="Run" busy={busy} />
          {actionError ? <ErrorBox error={actionError} title="The request failed" /> : null}
        </section>

        <section aria-labelledby="wf-result-title" class="wf-result">
          <h2 id="wf-result-title">Result</h2>
          <div aria-live="polite">
            {run ? (
              <p class="wf-run-status">
                Run <code title={run.runId}>{run.runId.slice(0, 8)}</code>{" "}
                <span class={`wf-badge wf-status-${run.status}`} data-run-status={run.status}>
                  {statusText(run.status)}
                </span>{" "}
                {run.status === "running" || run.status === "suspended" ? (
                  <button type="button" class="small danger" disabled={busy} onClick={() => cancel(run.runId)}>
                    Cancel run
                  </button>
                ) : null}
              </p>
            ) : (
              <p class="muted">Run the workflow, or pick a run from the history.</p>
            )}
          </div>
          {run && run.input !== undefined ? (
            <details class="wf-input">
              <summary>Input</summary>
              <JsonBlock value={run.input} label="Run input" />
            </details>
          ) : null}
          {run?.status === "success" ? <JsonBlock value={run.result} label="Run result" /> : null}
          {run?.status === "failed" ? <p class="field-error">{run.error ?? "failed"}</p> : null}
          {run?.status === "suspended"
            ? run.suspended.map((path) => (
                <ResumeForm
                  key={`${run.runId}:${path.join(".")}`}
                  path={path}
                  payload={suspendPayloadAt(run, path)}
                  schema={schemaOf(workflow.allSteps[path.join(".")]?.resumeSchema)}
                  issues={resumeIssues}
                  busy={busy}
                  onResume={(data) => resume(path, data)}
                />
              ))
            : null}
          {stepKey ? <StepDetail stepKey={stepKey} record={run?.steps[stepKey]} /> : null}
        </section>
      </div>

      <RunsHistory runs={runs.data ?? []} error={runs.error} current={run?.runId} onOpen={open} />
    </div>
  );
}

/** Without a selection, show the step that needs attention: the suspended one, a failed one, or the last. */
function attentionStep(run: RunState | undefined): string | undefined {
  if (!run) return undefined;
  if (run.suspended[0]) return run.suspended[0].join(".");
  const entries = Object.entries(run.steps);
  return (entries.find(([, r]) => r.status === "failed") ?? entries.at(-1))?.[0];
}

function RunsHistory({ runs, error, current, onOpen }: { runs: StoredRun[]; error: unknown; current?: string; onOpen(runId: string): void }) {
  return (
    <section aria-labelledby="wf-history-title" class="wf-history">
      <h2 id="wf-history-title">Runs</h2>
      {error ? <p class="field-error">{errorMessage(error)}</p> : null}
      {runs.length === 0 ? (
        <p class="muted">No runs yet.</p>
      ) : (
        <ul>
          {runs.map((r) => (
            <li key={r.runId}>
              <button type="button" class="wf-history-item" aria-current={r.runId === current ? "true" : undefined} data-run={r.runId} onClick={() => onOpen(r.runId)}>
                <span class={`wf-badge wf-status-${r.status}`}>{statusText(r.status)}</span>
                <code>{r.runId.slice(0, 8)}</code>
                <time dateTime={r.createdAt}>{new Date(r.createdAt).toLocaleString()}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

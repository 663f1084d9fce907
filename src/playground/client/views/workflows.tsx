/** Workflows (owned by pg-workflows; this placeholder lists them so the shell compiles). */
import { getJson } from "../api.js";
import { ErrorBox } from "../components/error-box.js";
import { ItemList } from "../components/item-list.js";
import { useLoad } from "../components/use-load.js";

interface WorkflowInfo {
  name: string;
  description?: string;
  steps: Record<string, unknown>;
}

export function WorkflowsView({ workflowId, reloadKey }: { workflowId?: string; reloadKey: number }) {
  const list = useLoad((signal) => getJson<Record<string, WorkflowInfo>>("/api/workflows", signal), [reloadKey]);
  const items = Object.entries(list.data ?? {}).map(([id, w]) => ({ id, title: w.name, detail: `${Object.keys(w.steps).length} steps` }));
  return (
    <div class="split">
      <ItemList label="Workflows" section="workflows" items={items} currentId={workflowId} />
      <section class="detail" aria-label="Workflow">
        {list.error ? <ErrorBox error={list.error} title="Could not list the workflows" /> : <p class="muted">{workflowId ?? "Pick a workflow."}</p>}
      </section>
    </div>
  );
}

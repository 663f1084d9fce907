/** Tools: run any tool with a form from its input schema, and see its result or its error. */
import { useState } from "preact/hooks";
import { ApiError, getJson, postJson, seg } from "../api.js";
import { ErrorBox } from "../components/error-box.js";
import { ItemList } from "../components/item-list.js";
import { fieldErrors, SchemaForm, type JsonSchema } from "../components/schema-form.js";
import { useLoad } from "../components/use-load.js";

export interface ToolInfo {
  id: string;
  description?: string;
  inputSchema?: JsonSchema;
  outputSchema?: JsonSchema;
}

export function ToolsView({ toolId, reloadKey }: { toolId?: string; reloadKey: number }) {
  const list = useLoad((signal) => getJson<Record<string, ToolInfo>>("/api/tools", signal), [reloadKey]);
  const items = Object.entries(list.data ?? {}).map(([id, t]) => ({ id, title: id, detail: t.description }));
  const tool = toolId ? list.data?.[toolId] : undefined;
  return (
    <div class="split">
      <ItemList label="Tools" section="tools" items={items} currentId={toolId} />
      <section class="detail" aria-label="Tool">
        {list.error ? (
          <ErrorBox error={list.error} title="Could not list the tools" />
        ) : tool ? (
          <ToolRunner key={`${toolId}:${reloadKey}`} id={toolId!} tool={tool} />
        ) : list.data && toolId ? (
          <p>No tool “{toolId}” in this app.</p>
        ) : (
          <p class="muted">{list.loading ? "Loading…" : "Pick a tool to run it."}</p>
        )}
      </section>
    </div>
  );
}

function ToolRunner({ id, tool }: { id: string; tool: ToolInfo }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ result: unknown } | { error: unknown }>();
  const [lastInput, setLastInput] = useState<unknown>();
  const run = async (data: unknown) => {
    setBusy(true);
    setLastInput(data);
    try {
      setOutcome({ result: await postJson(`/api/tools/${seg(id)}/execute`, { data }) });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };
  const error = outcome && "error" in outcome ? outcome.error : undefined;
  return (
    <>
      <h1>{id}</h1>
      {tool.description && <p>{tool.description}</p>}
      <SchemaForm
        schema={tool.inputSchema}
        value={lastInput}
        onSubmit={run}
        busy={busy}
        errors={error instanceof ApiError ? fieldErrors(error.issues, "data") : undefined}
        submitLabel="Run tool"
      />
      <div aria-live="polite">
        {outcome && "result" in outcome && (
          <section class="result" aria-label="Result">
            <h2>Result</h2>
            <pre class="code">{JSON.stringify(outcome.result, null, 2)}</pre>
          </section>
        )}
        {error !== undefined && <ErrorBox error={error} title="The tool failed" />}
      </div>
    </>
  );
}

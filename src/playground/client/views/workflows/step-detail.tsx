import type { StepRecord } from "./types.js";
import { statusText } from "./graph.js";

/** What one step of the shown run received and produced. */
export function StepDetail(props: { stepKey: string; record: StepRecord | undefined }) {
  const { stepKey, record } = props;
  return (
    <section class="wf-step-detail" aria-label={`Step ${stepKey}`}>
      <h3>
        Step <code>{stepKey}</code> <span class={`wf-badge wf-status-${record?.status ?? "idle"}`}>{statusText(record?.status ?? "idle")}</span>
      </h3>
      {!record ? (
        <p class="muted">This step has not run in the shown run.</p>
      ) : (
        <dl class="wf-fields">
          {record.startedAt !== undefined && record.endedAt !== undefined ? <Field label="Took" text={`${record.endedAt - record.startedAt} ms`} /> : null}
          <JsonField label="Input" value={record.payload} />
          <JsonField label="Output" value={record.output} />
          {record.error !== undefined ? <Field label="Error" text={record.error} error /> : null}
          <JsonField label="Suspend payload" value={record.suspendPayload} />
          <JsonField label="Resume data" value={record.resumeData} />
        </dl>
      )}
    </section>
  );
}

function Field(props: { label: string; text: string; error?: boolean }) {
  return (
    <>
      <dt>{props.label}</dt>
      <dd class={props.error ? "field-error" : undefined}>{props.text}</dd>
    </>
  );
}

function JsonField(props: { label: string; value: unknown }) {
  if (props.value === undefined) return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd>
        <JsonBlock value={props.value} label={props.label} />
      </dd>
    </>
  );
}

export function JsonBlock(props: { value: unknown; label: string }) {
  return (
    <pre class="code wf-json" tabIndex={0} aria-label={props.label}>
      {JSON.stringify(props.value, null, 2)}
    </pre>
  );
}

import type { ValidationIssue } from "../../api.js";
import { SchemaForm, fieldErrors } from "../../components/schema-form.js";
import { JsonBlock } from "./step-detail.js";
import type { JsonSchema } from "./types.js";

/**
 * A suspended step: what it asked (its suspend payload) and a form that resumes it, built from the
 * step's resumeSchema, or a JSON field when the step has none.
 */
export function ResumeForm(props: { path: string[]; payload: unknown; schema: JsonSchema | undefined; issues: ValidationIssue[] | undefined; busy: boolean; onResume(resumeData: unknown): void }) {
  const key = props.path.join(".");
  return (
    <section class="wf-resume" aria-label={`Resume ${key}`}>
      <h3>
        Suspended at <code>{key}</code>
      </h3>
      {props.payload !== undefined ? <JsonBlock value={props.payload} label={`Suspend payload of ${key}`} /> : <p class="muted">The step sent no payload.</p>}
      <SchemaForm schema={props.schema ?? {}} onSubmit={props.onResume} errors={fieldErrors(props.issues)} submitLabel="Resume" busy={props.busy} />
    </section>
  );
}

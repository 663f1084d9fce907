import type { ComponentChildren } from "preact";
import type { SerializedEntry, SerializedStep, StepRecord } from "./types.js";

/*
 * The step graph drawn as nested boxes in plain DOM: a sequence reads top to bottom, parallel steps
 * and branches sit side by side (each branch under its condition), loops and foreach wrap their step
 * in a frame that names the loop, and a nested workflow draws its own graph inside its node. Every
 * step is a button: selecting it shows its input, output, error or suspend payload.
 */

export interface GraphProps {
  graph: SerializedEntry[];
  /** The shown run's step records, by key (`stepId`, or `nestedId.stepId`). */
  steps: Record<string, StepRecord>;
  selected?: string;
  onSelect(key: string): void;
}

export function StepGraph(props: GraphProps) {
  return (
    <div class="wf-graph" role="group" aria-label="Step graph">
      <Sequence entries={props.graph} prefix="" ctx={props} />
    </div>
  );
}

/** Where a level of the graph sits: its entries, and the prefix of its steps' record keys. */
interface LevelProps {
  entries: SerializedEntry[];
  prefix: string;
  ctx: GraphProps;
}

function Sequence({ entries, prefix, ctx }: LevelProps) {
  return (
    <ol class="wf-seq">
      {entries.map((entry, i) => (
        <li class="wf-seq-item" key={i}>
          <EntryView entry={entry} prefix={prefix} ctx={ctx} />
        </li>
      ))}
    </ol>
  );
}

function EntryView({ entry, prefix, ctx }: { entry: SerializedEntry; prefix: string; ctx: GraphProps }) {
  const node = (step: SerializedStep, kind?: string, detail?: string) => <StepNode step={step} prefix={prefix} ctx={ctx} kind={kind} detail={detail} />;
  switch (entry.type) {
    case "step":
      return node(entry.step);
    case "parallel":
      return (
        <Lanes label="parallel" kind="parallel">
          {entry.steps.map((s) => (
            <div class="wf-lane" key={s.step.id}>
              {node(s.step)}
            </div>
          ))}
        </Lanes>
      );
    case "conditional":
      return (
        <Lanes label="branch" kind="branch">
          {entry.steps.map((s, i) => (
            <div class="wf-lane" key={s.step.id}>
              <Condition text={entry.serializedConditions[i]?.fn} prefix="when" />
              {node(s.step)}
            </div>
          ))}
        </Lanes>
      );
    case "loop":
      return (
        <Frame kind="loop" label={`↻ ${entry.loopType}`} condition={<Condition text={entry.serializedCondition.fn} prefix={entry.loopType === "dowhile" ? "while" : "until"} />}>
          {node(entry.step)}
        </Frame>
      );
    case "foreach":
      return (
        <Frame kind="foreach" label={`⋯ foreach item${entry.opts.concurrency > 1 ? `, ${entry.opts.concurrency} at a time` : ""}`}>
          {node(entry.step)}
        </Frame>
      );
    case "sleep":
      return node({ id: entry.id }, entry.duration !== undefined ? `sleep ${entry.duration} ms` : "sleep (computed)", entry.fn);
  }
}

function Lanes(props: { label: string; kind: string; children: ComponentChildren }) {
  return (
    <div class={`wf-lanes wf-${props.kind}`} role="group" aria-label={props.label}>
      <span class="wf-frame-label" aria-hidden="true">
        {props.label}
      </span>
      <div class="wf-lanes-row">{props.children}</div>
    </div>
  );
}

function Frame(props: { kind: string; label: string; condition?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class={`wf-frame wf-${props.kind}`} role="group" aria-label={props.label}>
      <span class="wf-frame-label" aria-hidden="true">
        {props.label}
      </span>
      {props.children}
      {props.condition}
    </div>
  );
}

/** A condition's source, trimmed to its body for the label; the whole text is in the tooltip. */
function Condition(props: { text?: string; prefix: string }) {
  const full = props.text ?? "";
  const body = full.replace(/^\s*(async\s*)?(\([^)]*\)|[\w$]+)\s*=>\s*/, "").replace(/\s+/g, " ");
  const short = body.length > 60 ? `${body.slice(0, 59)}…` : body;
  return (
    <code class="wf-condition" title={full}>
      {props.prefix} {short || "…"}
    </code>
  );
}

function StepNode({ step, prefix, ctx, kind: given, detail }: { step: SerializedStep; prefix: string; ctx: GraphProps; kind?: string; detail?: string }) {
  const key = prefix + step.id;
  const status = ctx.steps[key]?.status ?? "idle";
  const kind = given ?? (step.component === "WORKFLOW" ? "workflow" : step.mapConfig !== undefined ? "map" : undefined);
  const selected = ctx.selected === key;
  return (
    <div class="wf-node-wrap">
      <button
        type="button"
        class={`wf-node wf-status-${status}${selected ? " wf-selected" : ""}`}
        data-step={key}
        data-status={status}
        aria-pressed={selected}
        aria-label={`${step.id}${kind ? ` (${kind})` : ""}: ${statusText(status)}`}
        title={detail ?? step.mapConfig ?? step.description}
        onClick={() => ctx.onSelect(key)}
      >
        {kind ? <span class="wf-node-kind">{kind}</span> : null}
        <span class="wf-node-id">{step.id}</span>
        <span class="wf-badge">{statusText(status)}</span>
      </button>
      {step.serializedStepFlow ? (
        <div class="wf-nested" role="group" aria-label={`Steps of ${step.id}`}>
          <Sequence entries={step.serializedStepFlow} prefix={`${key}.`} ctx={ctx} />
        </div>
      ) : null}
    </div>
  );
}

export function statusText(status: string): string {
  return status === "idle" ? "not run" : status;
}

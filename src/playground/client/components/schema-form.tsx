/**
 * A form generated from a JSON Schema (what the server's describe routes give for a tool's or a
 * workflow's input): strings, numbers, integers, booleans, enums, nested objects and lists of
 * primitives get their own fields; anything else is edited as JSON. The browser's own validation
 * is off on purpose: the server validates, and its 400 `issues` (see `fieldErrors`) are shown next
 * to the fields they name, so the form says exactly what the API says.
 */
import { useMemo, useState } from "preact/hooks";
import type { ValidationIssue } from "../api.js";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
}

/** Field path ("a.b.0") → the server's message for it; "" for the form as a whole. */
export type FieldErrors = Record<string, string>;

export interface SchemaFormProps {
  schema: JsonSchema | undefined;
  value?: unknown;
  onSubmit: (value: unknown) => void;
  errors?: FieldErrors;
  submitLabel?: string;
  /** While true the submit button is disabled (a run is in flight). */
  busy?: boolean;
}

/**
 * The server's validation issues as field errors. `prefix` is the body field the form fills
 * (`data` for a tool, `inputData` for a workflow): "data.location" becomes "location".
 */
export function fieldErrors(issues: ValidationIssue[] | undefined, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues ?? []) {
    let path = issue.path;
    if (prefix && (path === prefix || path.startsWith(`${prefix}.`))) path = path.slice(prefix.length + 1);
    out[path] = out[path] ? `${out[path]}; ${issue.message}` : issue.message;
  }
  return out;
}

let formCount = 0;

type Kind = "string" | "number" | "integer" | "boolean" | "enum" | "object" | "list" | "json";

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (!ref?.startsWith("#/")) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split("/")) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node && typeof node === "object" ? { ...(node as JsonSchema), description: schema.description ?? (node as JsonSchema).description } : schema;
}

/** `T | null` (zod's nullable/optional shapes) reads as T. */
function unwrap(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const s = resolveRef(schema, root);
  const union = s.anyOf ?? s.oneOf;
  if (union) {
    const nonNull = union.filter((u) => resolveRef(u, root).type !== "null");
    if (nonNull.length === 1) return { ...unwrap(nonNull[0]!, root), description: s.description ?? nonNull[0]!.description };
    const consts = nonNull.map((u) => resolveRef(u, root)).filter((u) => "const" in u);
    if (consts.length === nonNull.length) return { ...s, enum: consts.map((u) => u.const) };
  }
  if (Array.isArray(s.type)) {
    const types = s.type.filter((t) => t !== "null");
    if (types.length === 1) return { ...s, type: types[0] };
  }
  return s;
}

function kindOf(schema: JsonSchema): Kind {
  if (schema.enum && schema.enum.every((v) => typeof v === "string" || typeof v === "number")) return "enum";
  if ("const" in schema) return "enum";
  switch (schema.type) {
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return schema.type;
    case "object":
      return schema.properties ? "object" : "json";
    case "array": {
      const item = schema.items?.type;
      return item === "string" || item === "number" || item === "integer" ? "list" : "json";
    }
    default:
      return "json";
  }
}

/**
 * The form keeps what the person typed (numbers and JSON as text); `toValue` turns it into the
 * value sent, leaving out fields left empty so the server can say which required ones are missing.
 */
type Draft = unknown;

function initialDraft(schema: JsonSchema, root: JsonSchema, value: unknown): Draft {
  const s = unwrap(schema, root);
  const v = value !== undefined ? value : s.default;
  switch (kindOf(s)) {
    case "object": {
      const out: Record<string, Draft> = {};
      for (const [key, child] of Object.entries(s.properties ?? {})) out[key] = initialDraft(child, root, (v as Record<string, unknown> | undefined)?.[key]);
      return out;
    }
    case "list":
      return Array.isArray(v) ? v.map(String) : [];
    case "boolean":
      return v === true;
    case "number":
    case "integer":
    case "string":
    case "enum":
      return v === undefined || v === null ? "" : String(v);
    default:
      return v === undefined ? "" : JSON.stringify(v, null, 2);
  }
}

function primitive(kind: "string" | "number" | "integer" | "enum", text: string, schema: JsonSchema): unknown {
  if (text === "") return undefined;
  if (kind === "number" || kind === "integer") return Number.isFinite(Number(text)) ? Number(text) : text;
  if (kind === "enum") return (schema.enum ?? [schema.const]).find((e) => String(e) === text) ?? text;
  return text;
}

function toValue(schema: JsonSchema, root: JsonSchema, draft: Draft): unknown {
  const s = unwrap(schema, root);
  const kind = kindOf(s);
  switch (kind) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        const v = toValue(child, root, (draft as Record<string, Draft>)[key]);
        if (v !== undefined) out[key] = v;
      }
      return out;
    }
    case "list": {
      const item = s.items!.type === "string" ? "string" : s.items!.type === "integer" ? "integer" : "number";
      const items = (draft as string[]).filter((t) => t !== "").map((t) => primitive(item, t, s.items!));
      return items.length ? items : undefined;
    }
    case "boolean":
      return draft === true;
    case "json": {
      const text = String(draft ?? "").trim();
      if (!text) return undefined;
      try {
        return JSON.parse(text);
      } catch {
        return text; // The server says what is wrong with it.
      }
    }
    default:
      return primitive(kind, String(draft ?? ""), s);
  }
}

function setAt(draft: Draft, path: (string | number)[], value: Draft): Draft {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(draft)) {
    const copy = [...draft];
    copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const record = (draft ?? {}) as Record<string, Draft>;
  return { ...record, [head!]: setAt(record[head as string], rest, value) };
}

function labelOf(name: string, schema: JsonSchema): string {
  return schema.title ?? name;
}

interface FieldProps {
  name: string;
  path: (string | number)[];
  schema: JsonSchema;
  root: JsonSchema;
  required: boolean;
  draft: Draft;
  errors: FieldErrors;
  idPrefix: string;
  onChange: (path: (string | number)[], value: Draft) => void;
}

function Field({ name, path, schema: raw, root, required, draft, errors, idPrefix, onChange }: FieldProps) {
  const schema = unwrap(raw, root);
  const kind = kindOf(schema);
  const key = path.join(".");
  const id = `${idPrefix}-${key.replace(/[^\w-]/g, "_") || "root"}`;
  const error = errors[key];
  const hintId = schema.description ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const label = (
    <>
      {labelOf(name, schema)}
      {required && (
        <span class="req" aria-hidden="true">
          {" "}
          *
        </span>
      )}
    </>
  );
  const notes = (
    <>
      {schema.description && (
        <span id={hintId} class="hint">
          {schema.description}
        </span>
      )}
      {error && (
        <span id={errorId} class="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
  const common = { id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined, "aria-required": required || undefined };

  if (kind === "object") {
    return (
      <fieldset class="field" aria-describedby={describedBy}>
        <legend>{label}</legend>
        {notes}
        {Object.entries(schema.properties ?? {}).map(([child, childSchema]) => (
          <Field
            key={child}
            name={child}
            path={[...path, child]}
            schema={childSchema}
            root={root}
            required={schema.required?.includes(child) ?? false}
            draft={(draft as Record<string, Draft>)[child]}
            errors={errors}
            idPrefix={idPrefix}
            onChange={onChange}
          />
        ))}
      </fieldset>
    );
  }
  if (kind === "boolean") {
    return (
      <div class="field check">
        <input type="checkbox" {...common} checked={draft === true} onChange={(e) => onChange(path, e.currentTarget.checked)} />
        <label for={id}>{label}</label>
        {notes}
      </div>
    );
  }
  if (kind === "list") {
    const items = draft as string[];
    // Preact types `type` per literal; a type chosen at run time is cast to one of them.
    const itemType = (schema.items!.type === "string" ? "text" : "number") as "text";
    return (
      <fieldset class="field" aria-describedby={describedBy}>
        <legend>{label}</legend>
        {notes}
        {items.map((item, i) => (
          <div class="list-item" key={i}>
            <input
              type={itemType}
              step={schema.items!.type === "integer" ? 1 : "any"}
              aria-label={`${labelOf(name, schema)} item ${i + 1}`}
              aria-invalid={errors[`${key}.${i}`] ? true : undefined}
              value={item}
              onInput={(e) => onChange([...path, i], e.currentTarget.value)}
            />
            <button type="button" class="small" aria-label={`Remove ${labelOf(name, schema)} item ${i + 1}`} onClick={() => onChange(path, items.filter((_, j) => j !== i))}>
              Remove
            </button>
            {errors[`${key}.${i}`] && <span class="field-error">{errors[`${key}.${i}`]}</span>}
          </div>
        ))}
        <button type="button" class="small" onClick={() => onChange(path, [...items, ""])}>
          Add {labelOf(name, schema)} item
        </button>
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {kind === "enum" ? (
        <select {...common} value={String(draft ?? "")} onChange={(e) => onChange(path, e.currentTarget.value)}>
          <option value="">{required ? "Choose…" : "(none)"}</option>
          {(schema.enum ?? [schema.const]).map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      ) : kind === "json" ? (
        <textarea {...common} class="code" rows={4} spellcheck={false} value={String(draft ?? "")} placeholder="JSON" onInput={(e) => onChange(path, e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type={(kind === "string" ? (schema.format === "email" ? "email" : schema.format === "uri" ? "url" : "text") : "number") as "text"}
          step={kind === "integer" ? 1 : kind === "number" ? "any" : undefined}
          value={String(draft ?? "")}
          onInput={(e) => onChange(path, e.currentTarget.value)}
        />
      )}
      {notes}
    </div>
  );
}

export function SchemaForm({ schema, value, onSubmit, errors = {}, submitLabel = "Run", busy = false }: SchemaFormProps) {
  const root: JsonSchema = schema ?? { type: "object", properties: {} };
  const idPrefix = useMemo(() => `sf${++formCount}`, []);
  const [draft, setDraft] = useState<Draft>(() => initialDraft(root, root, value));
  const rootKind = kindOf(unwrap(root, root));
  const fieldPaths = useMemo(() => collectPaths(root, root, []), [schema]);
  // Messages for paths no field shows (the whole input, or a field the schema does not describe).
  const loose = Object.entries(errors).filter(
    ([path]) => !fieldPaths.has(path) && !fieldPaths.has(path.replace(/\.\d+$/, "")) && !(path === "" && rootKind !== "object"),
  );

  const change = (path: (string | number)[], next: Draft) => setDraft((d: Draft) => setAt(d, path, next));
  const submit = (e: Event) => {
    e.preventDefault();
    const out = toValue(root, root, draft);
    onSubmit(out === undefined && rootKind === "object" ? {} : out);
  };

  return (
    <form class="schema-form" noValidate onSubmit={submit}>
      {loose.length > 0 && (
        <div class="form-errors" role="alert">
          {loose.map(([path, message]) => (
            <p key={path}>{path ? `${path}: ${message}` : message}</p>
          ))}
        </div>
      )}
      {rootKind === "object" ? (
        Object.entries(unwrap(root, root).properties ?? {}).map(([name, child]) => (
          <Field
            key={name}
            name={name}
            path={[name]}
            schema={child}
            root={root}
            required={unwrap(root, root).required?.includes(name) ?? false}
            draft={(draft as Record<string, Draft>)[name]}
            errors={errors}
            idPrefix={idPrefix}
            onChange={change}
          />
        ))
      ) : (
        <Field name="Input" path={[]} schema={root} root={root} required draft={draft} errors={errors} idPrefix={idPrefix} onChange={(_, v) => setDraft(v)} />
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Running…" : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** The paths that have a field of their own (where an error is shown next to it). */
function collectPaths(schema: JsonSchema, root: JsonSchema, path: string[]): Set<string> {
  const out = new Set<string>();
  const s = unwrap(schema, root);
  if (path.length) out.add(path.join("."));
  if (kindOf(s) === "object") for (const [k, child] of Object.entries(s.properties ?? {})) for (const p of collectPaths(child, root, [...path, k])) out.add(p);
  return out;
}

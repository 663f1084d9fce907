/**
 * Per-request data that middleware writes and agents, tools and workflow steps read.
 * A Map so `get`/`set`/`has`/iteration work as users expect; `toJSON` so it can be echoed back.
 */
export class RequestContext<Values extends Record<string, unknown> = Record<string, unknown>> extends Map<string, unknown> {
  constructor(entries?: Iterable<readonly [string, unknown]> | Values | null) {
    super(entries && !isIterable(entries) ? Object.entries(entries) : (entries as Iterable<readonly [string, unknown]> | null));
  }

  override get<K extends keyof Values & string>(key: K): Values[K] | undefined;
  override get(key: string): unknown;
  override get(key: string): unknown {
    return super.get(key);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this);
  }
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.iterator in value;
}

/** The older client sends `runtimeContext`; both names point at the same thing. */
export { RequestContext as RuntimeContext };

import { useEffect, useState } from "preact/hooks";

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  /** Load again now (after an action changed what the server holds). */
  reload: () => void;
}

/**
 * Run `load` when `deps` change (pass `reloadKey` among them so a server swap reloads), abort
 * the previous load, and keep showing the last data while the next one is on its way.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [again, setAgain] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error) => !controller.signal.aborted && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => controller.abort();
  }, [...deps, again]);
  return { ...state, reload: () => setAgain((n) => n + 1) };
}

/**
 * A store connects and migrates on first use (never at construction: `mastra build` evaluates the
 * app to check it, and on Workers bindings only exist once a request arrives). A failed attempt
 * is forgotten, so the next call tries again instead of failing forever.
 */
export function once<T>(open: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= open().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

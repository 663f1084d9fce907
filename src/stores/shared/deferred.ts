/**
 * A domain object whose implementation is only known once the store has connected (LibSQLStore
 * learns whether its client can open a local file at that point). Every method call waits for it.
 */
export function deferredDomain<T extends object>(resolve: () => Promise<T>): T {
  return new Proxy({} as T, {
    get(_target, key) {
      // Not a thenable: `await store.workflows` must not call into the store.
      if (key === "then" || typeof key === "symbol") return undefined;
      return async (...args: unknown[]) => {
        const domain = (await resolve()) as Record<string, (...a: unknown[]) => unknown>;
        return domain[key]!(...args);
      };
    },
  });
}

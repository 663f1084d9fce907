/**
 * An environment variable where the runtime has `process.env` (Node, workerd with
 * nodejs_compat, Vercel, Netlify), else undefined. The runtime rooms compile without Node's
 * types (tsconfig.workerd.json), so the one optional read of `process` is typed here.
 */
export function processEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env?.[name];
}

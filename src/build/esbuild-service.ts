import { stop } from "esbuild";

/**
 * Rollup's esbuild plugin (and our own esbuild calls) keep esbuild's service process running.
 * Stop it and give the event loop a moment to reap it: otherwise it outlives the CLI as a zombie
 * wherever PID 1 does not reap adopted processes (containers, CI runners).
 */
export async function releaseEsbuild(): Promise<void> {
  await stop();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Listen on the wanted port, or the next free one after it (the dev server says which). */
import type { DevProxy } from "./proxy.js";

const MAX_TRIES = 50;

export async function listenWithFallback(proxy: DevProxy, wanted: number, host: string): Promise<number> {
  for (let port = wanted; port < wanted + MAX_TRIES && port <= 65535; port++) {
    try {
      return await proxy.listen(port, host);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Port 0 asks the OS for any port; it cannot be in use.
      if (code !== "EADDRINUSE" || wanted === 0) throw err;
    }
  }
  throw new Error(`Ports ${wanted}–${wanted + MAX_TRIES - 1} are all in use: pass --port <free port>`);
}

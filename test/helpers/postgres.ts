// A real PostgreSQL server for tests: DATABASE_URL when set, else a throwaway cluster
// (test/helpers/postgres-cluster.mjs, shared with the storage benchmark) on a free port, without
// fsync. stop() shuts it down and removes its folder.
import { startPostgresCluster, type PostgresCluster } from "./postgres-cluster.mjs";
import { freePort } from "./process.js";

export type PostgresServer = PostgresCluster;

export async function startPostgres(): Promise<PostgresServer> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  return startPostgresCluster({ port: await freePort() });
}

export interface PostgresCluster {
  /** postgres://… for the `postgres` database as a superuser. */
  url: string;
  stop(): Promise<void>;
}
export function startPostgresCluster(options: { port: number; durable?: boolean }): Promise<PostgresCluster>;

import type { WorkflowResult } from "./workflow.js";

export type WorkflowRunStatus = "created" | "running" | "success" | "failed";

export interface WorkflowRunRecord {
  workflowId: string;
  runId: string;
  status: WorkflowRunStatus;
  createdAt: string;
  updatedAt: string;
  result?: WorkflowResult;
}

/** Where workflow runs are kept. Implement this to persist runs in a database or KV store. */
export interface WorkflowStorage {
  saveRun(record: WorkflowRunRecord): Promise<void>;
  getRun(workflowId: string, runId: string): Promise<WorkflowRunRecord | undefined>;
  /** Newest first. */
  listRuns(workflowId: string, page?: { limit?: number; offset?: number }): Promise<{ runs: WorkflowRunRecord[]; total: number }>;
}

/**
 * The default store. It is bounded so a long-running server does not grow without limit;
 * on serverless platforms it lives as long as the instance, so use a real store there.
 */
export class InMemoryWorkflowStorage implements WorkflowStorage {
  private readonly runs = new Map<string, Map<string, WorkflowRunRecord>>();

  constructor(private readonly maxRunsPerWorkflow = 1000) {}

  async saveRun(record: WorkflowRunRecord): Promise<void> {
    let byId = this.runs.get(record.workflowId);
    if (!byId) this.runs.set(record.workflowId, (byId = new Map()));
    byId.delete(record.runId); // re-insert so Map order stays oldest→newest by last update
    byId.set(record.runId, structuredClone(record));
    if (byId.size > this.maxRunsPerWorkflow) byId.delete(byId.keys().next().value!);
  }

  async getRun(workflowId: string, runId: string): Promise<WorkflowRunRecord | undefined> {
    const record = this.runs.get(workflowId)?.get(runId);
    return record && structuredClone(record);
  }

  async listRuns(workflowId: string, page: { limit?: number; offset?: number } = {}) {
    const all = [...(this.runs.get(workflowId)?.values() ?? [])].reverse();
    const offset = page.offset ?? 0;
    const runs = all.slice(offset, page.limit === undefined ? undefined : offset + page.limit).map((r) => structuredClone(r));
    return { runs, total: all.length };
  }
}

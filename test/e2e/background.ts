// POST /start answers before the run ends; on Vercel and Netlify the instance may be frozen
// after the response unless the run was given to waitUntil. Not proven here: that the real
// platforms keep the instance alive for it (no cloud here) — only that we hand it over.
export const startRequest = (runId: string) =>
  new Request(`https://app.example/api/workflows/mathWorkflow/start?runId=${runId}`, {
    method: "POST",
    headers: { Authorization: "Bearer t", "content-type": "application/json" },
    body: JSON.stringify({ inputData: { n: 4 } }),
  });

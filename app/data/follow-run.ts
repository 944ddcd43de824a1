export interface RunStatusAnswer {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  message: string | null;
  error: string | null;
}

/** Poll a run's status until it succeeds or fails, reporting progress on the way. */
export async function followRun(runId: number, onProgress: (status: RunStatusAnswer) => void): Promise<RunStatusAnswer> {
  for (;;) {
    const response = await fetch(`/api/runs/${runId}`, { cache: 'no-store' });
    const status = (await response.json()) as RunStatusAnswer;
    if (status.status === 'succeeded' || status.status === 'failed') return status;
    onProgress(status);
    await new Promise((r) => setTimeout(r, 400));
  }
}

'use client';

import { useEffect, useState } from 'react';
import { apiErrorMessage } from '@/lib/format/api-error-message';
import type { ScatterSampleDto } from '@/lib/format/scatter-columns';

export type ScatterSampleState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'done'; sample: ScatterSampleDto };

/**
 * The seeded scatter sample of a run's filtered customers (`query`: the view's filters without
 * the run), fetched from /api/runs/<id>/scatter once the page is open; a new query fetches again.
 */
export function useScatterSample(runId: number, query: string): ScatterSampleState {
  const url = `/api/runs/${runId}/scatter${query ? `?${query}` : ''}`;
  const [loaded, setLoaded] = useState<{ url: string; result: ScatterSampleState }>({ url, result: { state: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        const body = await response.json();
        setLoaded({
          url,
          result: response.ok
            ? { state: 'done', sample: body as ScatterSampleDto }
            : { state: 'failed', message: apiErrorMessage(body) ?? `The customers could not be loaded (HTTP ${response.status}).` },
        });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setLoaded({ url, result: { state: 'failed', message: `The customers could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.` } });
        }
      });
    return () => controller.abort();
  }, [url]);
  return loaded.url === url ? loaded.result : { state: 'loading' };
}

/** "2,000 of 4,338 customers shown: …" or "All 812 customers shown." */
export function sampleSentence(sample: Pick<ScatterSampleDto, 'shown' | 'total'>, format: (n: number) => string): string {
  return sample.shown < sample.total
    ? `${format(sample.shown)} of ${format(sample.total)} customers shown: a fixed sample (by a hash of the customer id), the same on every visit.`
    : `All ${format(sample.total)} customers shown.`;
}

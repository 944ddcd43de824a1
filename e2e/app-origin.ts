import { test } from '@playwright/test';

/**
 * The Origin header of the app's own pages, for requests made with Playwright's `request`
 * fixture, which sends none: the app refuses writes without it (proxy.ts).
 */
export function appOriginHeader(): { Origin: string } {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts sets no baseURL');
  return { Origin: new URL(baseURL).origin };
}

import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CONSOLE_DIST } from '../../infra/local/console.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * The web console in a real browser against the real local stack: the CMS on a free port over
 * fresh DynamoDB Local tables, serving the built console, driven by Debian's Chromium.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** `npm run screenshots` refreshes the committed web/screenshots; a plain test run writes to a temp folder. */
const SHOTS =
  process.env.SCREENSHOTS === '1'
    ? join(import.meta.dirname, '..', '..', 'web', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'console-shots-'));

export interface ConsoleHarness {
  api: TestApi;
  browser: Browser;
  /** A fresh browser context (its own session), signed in as role/sub. */
  signIn(role: string, sub: string, options?: { width?: number; timezoneId?: string }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startConsole(
  options: { seed?: boolean; sections?: readonly string[] } = {},
): Promise<ConsoleHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  const api = await startTestApi({
    seed: options.seed ?? false,
    consoleDir: CONSOLE_DIST,
    ...(options.sections ? { sections: options.sections } : {}),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM }).catch(async (error: unknown) => {
    await api.stop();
    throw error;
  });
  const contexts: BrowserContext[] = [];
  return {
    api,
    browser,
    async signIn(role, sub, { width = 1280, timezoneId } = {}) {
      const context = await browser.newContext({
        ...(timezoneId ? { timezoneId } : {}),
        viewport: { width, height: width < 600 ? 780 : 900 },
        baseURL: api.url,
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      contexts.push(context);
      // Fail at the step that is wrong, well inside the test's own timeout.
      context.setDefaultTimeout(8_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      await page.goto('/');
      await page.getByLabel('Role').selectOption(role);
      await page.getByLabel('User id').fill(sub);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return page;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await api.stop();
    },
  };
}

/** No serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    `axe on ${what}`,
  ).toEqual([]);
  return results;
}

/**
 * Images load lazily as they near the viewport, and a full-page capture does not scroll: in this
 * page only (the console keeps loading="lazy" for its users), the ones still waiting load now,
 * and this waits until each is decoded (or 5 s).
 */
export async function paintImages(page: Page): Promise<void> {
  await page.evaluate(`Promise.all([...document.images].map((img) => {
    img.loading = 'eager';
    return Promise.race([img.decode().catch(() => {}), new Promise((done) => setTimeout(done, 5000))]);
  }))`);
}

/** The whole page; `{ fullPage: false }` for what the viewport shows (a modal dialog over the page). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  await paintImages(page);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

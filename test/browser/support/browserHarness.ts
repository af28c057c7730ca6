import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from '../../support/headlessChromium.ts';
import { ROOT } from './buildClient.ts';
import { startTestServer, type TestServer } from './testServer.ts';

export const SCREENSHOTS = join(ROOT, 'artifacts/screenshots');

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export const HD: Viewport = { width: 1280, height: 720 };
export const FULL_HD: Viewport = { width: 1920, height: 1080 };

export interface Harness {
  /** The server of this test file. */
  readonly server: TestServer;
  /** A page in its own browser context (its own storage: a separate person on a separate device). */
  open(name: string, path: string, viewport?: Viewport): Promise<Page>;
  /** The page opened under `name` in this test. */
  page(name: string): Page;
}

/**
 * One SimCell server and one headless Chromium per test file. Every page is watched: an uncaught error or
 * a console error fails the test. After each test every open page is saved as a screenshot in
 * artifacts/screenshots/<file>--<test>--<page>.png, and the pages are closed.
 */
export function useBrowserHarness(file: string): Harness {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const pages = new Map<string, { page: Page; context: BrowserContext }>();
  let problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  beforeEach(() => {
    problems = [];
  });

  afterEach(async (context) => {
    const test = context.task.name
      .replace(/[^\w]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80);
    for (const [name, { page, context: browserContext }] of pages) {
      if (!page.isClosed()) await page.screenshot({ path: join(SCREENSHOTS, `${file}--${test}--${name}.png`) }).catch(() => undefined);
      await browserContext.close().catch(() => undefined);
    }
    pages.clear();
    if (problems.length) throw new Error(`the browser reported errors:\n${problems.join('\n')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    get server() {
      if (!server) throw new Error('the server is not started yet');
      return server;
    },
    async open(name, path, viewport = HD) {
      if (!browser || !server) throw new Error('the harness is not started yet');
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`[${name}] page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`[${name}] console error: ${message.text()}`);
      });
      pages.set(name, { page, context });
      await page.goto(`${server.url}${path}`);
      return page;
    },
    page(name) {
      const entry = pages.get(name);
      if (!entry) throw new Error(`no page "${name}" is open`);
      return entry.page;
    },
  };
}

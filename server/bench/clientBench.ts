import { Client } from '@colyseus/sdk';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { round, type Figure } from './measure.ts';
import { SimcellServerChild } from './simcellServerChild.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const BUNDLE_GOAL_KB = 550;

/**
 * The browser client's figures: the production bundle's gzipped size (Phaser included), and the time from
 * opening a join link to the first inject visible in the inbox, on loopback, in headless Chromium.
 */
export async function clientBench(quick: boolean): Promise<Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'simcell-client-'));
  try {
    await buildClient(outDir);
    const files = listFiles(outDir);
    const gzipped = (f: string) => gzipSync(readFileSync(f), { level: 9 }).length;
    const total = files.reduce((sum, f) => sum + gzipped(f), 0);
    const js = files.filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipped(f), 0);
    const figures: Figure[] = [
      {
        figure: 'client.bundle.gzip',
        value: round(total / 1024, 1),
        unit: 'kB',
        goal: `≤ ${BUNDLE_GOAL_KB} kB`,
        javascriptKb: round(js / 1024, 1),
        files: files.length,
      },
    ];
    if (existsSync(CHROMIUM)) figures.push(await joinToFirstInject(outDir, quick ? 3 : 10));
    else figures[0] = { ...figures[0]!, note: `no Chromium at ${CHROMIUM}: join-to-first-inject not measured` };
    return figures;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function buildClient(outDir: string): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * A fresh browser context per run (nothing cached), a join link, and the clock stopped when the first inbox row
 * shows. The server runs in its own process: each closed page leaves its seat open for reconnection (two minutes),
 * and in this process those timers would keep `npm run bench` from exiting.
 */
async function joinToFirstInject(clientDir: string, runs: number): Promise<Figure> {
  const work = mkdtempSync(join(tmpdir(), 'simcell-bench-'));
  const server = await SimcellServerChild.start(
    work,
    'client',
    { 'two-banks': readFileSync(join(ROOT, 'test/fixtures/two-banks.yaml'), 'utf8') },
    { clientDir },
  );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const url = `http://127.0.0.1:${server.port}`;
  try {
    const exercise = await server.createExercise({ scenario: 'two-banks' });
    const control = await new Client(url.replace('http', 'ws')).joinById(exercise.roomId, { code: exercise.codes.control, name: 'Bench' });
    control.onMessage('*', () => undefined);
    control.send('control.start', {});
    control.send('control.fireNext', {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    const samples: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const start = performance.now();
      await page.goto(`${url}/join/${exercise.codes.organisations['bank-a']}?name=Reader${i}&exercise=${exercise.roomId}`);
      await page.locator('.inbox-row').first().waitFor({ timeout: 30_000 });
      if (i > 0) samples.push(performance.now() - start); // the first run warms the server, not the browser cache
      await context.close();
    }
    await control.leave();
    samples.sort((a, b) => a - b);
    return {
      figure: 'client.join-to-first-inject',
      value: round(samples[Math.floor(samples.length / 2)]!, 0),
      unit: 'ms',
      runs,
      p90Ms: round(samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.9))]!, 0),
      note: 'median; fresh browser context each run, loopback, headless Chromium with software WebGL',
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

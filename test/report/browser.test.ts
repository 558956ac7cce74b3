/**
 * The report as a user sees it: `crm-mining report` on the bundled Telco sample, opened from the file
 * in headless Chromium (Debian's `chromium`, driven by playwright-core). Every section must be there
 * with its charts drawn, the page must log no error and ask for nothing but itself. A full-page
 * screenshot goes to out/report-screenshot.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir, type CliRun } from '../cli/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const DATA = resolve(process.cwd(), 'examples/data/telco-churn.csv');
const SCREENSHOT = resolve(process.cwd(), 'out/report-screenshot.png');
/** Every section the report has on the bundled data, in page order. */
const EXPECTED_SECTIONS = ['service-bundles', 'churn-profiles', 'customer-value', 'rfm', 'segments', 'churn-tree', 'churn-model', 'outliers', 'next-best-offers'];

const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!haveChromium && !inCi) {
  console.warn(`test/report/browser.test.ts skipped: ${CHROMIUM} not found (apt-get install chromium)`);
}

describe.runIf(!haveChromium && inCi)('the report in a browser (CI)', () => {
  it('needs Chromium', () => {
    expect.fail(`${CHROMIUM} is missing; .ci/run installs it (apt-get install chromium)`);
  });
});

interface SectionInfo {
  id: string;
  absent: boolean;
  heading: string;
  charts: { title: string; width: number; height: number; marks: number }[];
}

describe.runIf(haveChromium && existsSync(DATA))('the report in headless Chromium', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: CliRun;
  let browser: Browser;
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failed: string[] = [];
  const requests: string[] = [];
  let pageUrl = '';
  let sections: SectionInfo[] = [];
  let tocTargets: string[] = [];

  beforeAll(async () => {
    tmp = await tempDir();
    run = await cli(['report', '--input', DATA, '--out', 'report'], { cwd: tmp.dir });
    pageUrl = pathToFileURL(join(tmp.dir, 'report', 'index.html')).href;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? '?'}`));
    page.on('request', (r) => requests.push(r.url()));
    if (existsSync(join(tmp.dir, 'report', 'index.html'))) {
      await page.goto(pageUrl, { waitUntil: 'load' });
      sections = await page.$$eval('section.report-section', (els) =>
        els.map((el) => ({
          id: el.id.replace(/^section-/, ''),
          absent: el.classList.contains('absent'),
          heading: el.querySelector('h2')?.textContent ?? '',
          charts: [...el.querySelectorAll('figure.chart')].map((f) => {
            const svg = f.querySelector('svg');
            const box = svg?.getBoundingClientRect();
            return {
              title: f.getAttribute('data-chart') ?? '',
              width: box?.width ?? 0,
              height: box?.height ?? 0,
              marks: svg?.querySelectorAll('path, circle, rect, line, text').length ?? 0,
            };
          }),
        })),
      );
      tocTargets = await page.$$eval('nav.toc a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
      mkdirSync(resolve(SCREENSHOT, '..'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await tmp?.cleanup();
  });

  it('the report command succeeds and writes the page', () => {
    expect(run.stderr, run.stderr).not.toMatch(/crm-mining: /);
    expect(run.code).toBe(0);
    expect(existsSync(join(tmp.dir, 'report', 'index.html'))).toBe(true);
  });

  it('logs no console error or page error, and requests nothing but the page itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([pageUrl]);
  });

  it('has every section, in order', () => {
    expect(sections.map((s) => s.id)).toEqual(EXPECTED_SECTIONS);
  });

  it('shows no section as absent, and draws at least one chart in each', () => {
    expect(sections.length).toBeGreaterThan(0);
    for (const s of sections) {
      expect(s.absent, `${s.id} is absent`).toBe(false);
      expect(s.heading.trim().length, s.id).toBeGreaterThan(0);
      expect(s.charts.length, `${s.id} has no chart`).toBeGreaterThan(0);
      for (const c of s.charts) {
        expect(c.width, `${s.id}: ${c.title}`).toBeGreaterThan(0);
        expect(c.height, `${s.id}: ${c.title}`).toBeGreaterThan(0);
        expect(c.marks, `${s.id}: ${c.title}`).toBeGreaterThan(0);
      }
    }
  });

  it('links every section from the table of contents', () => {
    expect(tocTargets).toEqual(sections.map((s) => `#section-${s.id}`));
  });

  it('saves a full-page screenshot', () => {
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});

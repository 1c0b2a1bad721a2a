import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

// The browser for the page tests: Debian's chromium (or PRICECLASS_CHROMIUM), driven by playwright-core; no
// browser is ever downloaded. Without one the tests fail and say how to install it: a silent skip would hide that
// the pages went untested.

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

export function chromiumPath(): string {
  const fromEnv = process.env.PRICECLASS_CHROMIUM;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  for (const name of CANDIDATES) {
    try {
      const path = execFileSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path !== '' && existsSync(path)) return path;
    } catch {
      // not this one
    }
  }
  throw new Error(
    "the browser tests need Chromium and none was found: install Debian's package " +
      '(apt-get install -y chromium) or set PRICECLASS_CHROMIUM to a Chromium executable',
  );
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
}

export interface Opened {
  readonly page: Page;
  /** Console errors, page errors, failed requests and any request that left file:// or data:. */
  readonly problems: string[];
}

/** Opens a page from file://, recording every problem the page meets. */
export async function openFile(browser: Browser, file: string): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!/^(file|data|blob):/.test(r.url())) problems.push(`network request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(resolve(file)).href);
  return { page, problems };
}

const SHOTS = resolve('out/screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

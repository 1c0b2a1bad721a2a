// `npx tsx scripts/screenshot.ts PAGE.html OUT.png [WIDTH HEIGHT]`: the top of a page as the README shows it
// (Debian's chromium through playwright-core, as in the browser tests).

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from '../test/browser/browser.ts';

const [page, out, width = '1100', height = '760'] = process.argv.slice(2);
if (page === undefined || out === undefined) {
  process.stderr.write('usage: npx tsx scripts/screenshot.ts PAGE.html OUT.png [WIDTH HEIGHT]\n');
  process.exit(2);
}
const browser = await launch();
try {
  const tab = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  await tab.goto(pathToFileURL(resolve(page)).href);
  await tab.evaluate(() => (window as unknown as { chartsReady?: Promise<unknown> }).chartsReady?.then(() => true));
  await tab.screenshot({ path: out });
} finally {
  await browser.close();
}

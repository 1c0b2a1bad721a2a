// The README's table for the SSD sweep (fixtures/sweeps/ssd.yaml), from its sweep.csv: per load and swap
// bandwidth, kills over all classes, the high and low classes' p99, swap traffic and time waiting for swap-ins.
//   npx tsx sim/report/ssd-table.ts out/ssd/sweep.csv

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const LOAD = 'workload.arrivals[0].load';
const BANDWIDTH = 'cluster.swapMBPerS';

/** Markdown rows, one per (load, bandwidth) in the CSV's order; the first and last class are low and high. */
export function ssdTable(csv: string): string[] {
  const [head, ...lines] = csv.trimEnd().split('\n');
  const header = head.split(',');
  const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
  const groups = new Map<string, Record<string, string>[]>();
  for (const r of rows) {
    const key = `${r[LOAD]}|${r[BANDWIDTH]}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const sum = (g: Record<string, string>[], f: string) => g.reduce((a, r) => a + Number(r[f] || 0), 0);
  const s = (x: string) => (x === '' ? '–' : `${Number(x).toPrecision(3)} s`);
  const out = [
    '| load | swap MB/s | killed | high p99 | low p99 | swapped out GB | swapped in GB | swap-in wait s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const g of groups.values()) {
    const low = g[0];
    const high = g[g.length - 1];
    out.push(
      `| ${low[LOAD]} | ${low[BANDWIDTH]} | ${sum(g, 'killed')} | ${s(high.latencyP99S)} | ${s(low.latencyP99S)} | ` +
        `${(sum(g, 'swappedOutMB') / 1024).toFixed(0)} | ${(sum(g, 'swappedInMB') / 1024).toFixed(0)} | ` +
        `${sum(g, 'swapInWaitS').toPrecision(3)} |`,
    );
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (file === undefined) {
    process.stderr.write('usage: npx tsx sim/report/ssd-table.ts SWEEP.csv\n');
    process.exitCode = 2;
  } else {
    process.stdout.write(`${ssdTable(readFileSync(file, 'utf8')).join('\n')}\n`);
  }
}

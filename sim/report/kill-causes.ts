// Why kills grow with swap bandwidth (README, "Does XX's memory plan hold on real SSDs?"): runs a scenario at
// several bandwidths on the fast engine and counts, from its outputs, the kills by class, the distinct tasks swapped
// out and swapped back in, completions during the arrivals, and when the last kill happened.
//   npx tsx sim/report/kill-causes.ts fixtures/paper/fig4.yaml 250 1000 2000 7000 -- --set cluster.machines=4 ...

import { pathToFileURL } from 'node:url';
import type { Output } from '../../model/index.ts';
import { startPolicyRun } from '../run/run-policy.ts';
import { loadScenario } from '../scenario/parse.ts';

export interface Tally {
  readonly killsByClass: number[];
  readonly swappedOut: Set<number>;
  readonly swappedIn: Set<number>;
  completedDuringArrivals: number;
  completed: number;
  lastKillUs: number;
}

export function tally(file: string, sets: readonly string[], bandwidth: string): Tally {
  const scenario = loadScenario(file, [...sets, `cluster.swapMBPerS=${bandwidth}`]);
  const endOfArrivalsUs = scenario.durationS * 1e6;
  const t: Tally = {
    killsByClass: scenario.priceClasses.map(() => 0),
    swappedOut: new Set(),
    swappedIn: new Set(),
    completedDuringArrivals: 0,
    completed: 0,
    lastKillUs: 0,
  };
  const count = (o: Output): void => {
    if (o.type === 'killed') {
      t.killsByClass[o.inv.effectiveClass]++;
      t.lastKillUs = o.atUs;
    } else if (o.type === 'swappingOut') t.swappedOut.add(o.invId);
    else if (o.type === 'swappingIn') t.swappedIn.add(o.invId);
    else if (o.type === 'completed') {
      t.completed++;
      if (o.atUs < endOfArrivalsUs) t.completedDuringArrivals++;
    }
  };
  const run = startPolicyRun(scenario, 0, file, undefined, 'fast', count);
  while (!run.simulation.advance(1_000_000));
  return t;
}

/** The table's row for one bandwidth. */
export function rowOf(bandwidth: string, t: Tally): string {
  const kills = t.killsByClass.reduce((a, b) => a + b, 0);
  const cells = [bandwidth, `${kills} (${t.killsByClass.join(', ')})`, t.swappedOut.size, t.swappedIn.size];
  cells.push(t.completedDuringArrivals, t.completed, (t.lastKillUs / 1e6).toFixed(0));
  return `| ${cells.join(' | ')} |`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, ...rest] = process.argv.slice(2);
  const split = rest.indexOf('--');
  const bandwidths = split < 0 ? rest : rest.slice(0, split);
  const sets = split < 0 ? [] : rest.slice(split + 1).filter((a) => a !== '--set');
  console.log(
    '| swap MB/s | killed (by class, low to high) | swapped out | swapped back in | completed by end of arrivals |' +
      ' completed | last kill s |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const bw of bandwidths) console.log(rowOf(bw, tally(file, sets, bw)));
}

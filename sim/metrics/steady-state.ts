// Did a run reach steady state? A run whose backlog (or swap in use) still grows at the end of its arrival window
// has averages that depend on how long it ran: a longer run would report longer waits.
//
// The rule: over the last third of the arrival window [2/3 durationS, durationS], fit a least-squares line to the
// per-tick samples (taken at each tick's end) of the backlog (invocations in the system: arrived, neither
// completed nor killed; shard queues included) and of the swap in use summed over the machines. Its growth over
// the window (slope x window length) counts when it exceeds GROWTH_FRACTION of the series' mean over the window
// and an absolute floor (a backlog of 2 growing to 4 is noise, not overload), and when the slope is MIN_T_STATISTIC
// standard errors above 0. The run is not steady when either series grows so. Fewer than MIN_TICKS samples in the
// window: not judged (steady is null).
//
// Why these numbers: a backlog growing linearly from 0 grows by 40% of its mean over the last third of the run
// (its growth is (T/3) r, its mean there (5T/6) r), so 10% flags any overload that lasts through the window with
// a 4x margin. On a small cluster a stable backlog is small and noisy, so the relative test alone is not enough:
// on 4 x 4 cores for 30 s (paper runtimes), load 0.5 reached growth/mean 0.64 over 60 runs but a t statistic of
// at most 2.0, load 0.7 at most 3.1; load 1.3 gave 0.41-0.52 with t of 29-63. Ticks are correlated, so t
// overstates significance; 4 rather than 3 leaves room for that.

import type { SteadyState } from './document.ts';
import { round6, round6OrNull } from './round.ts';

export const GROWTH_FRACTION = 0.1;
export const MIN_BACKLOG_GROWTH = 5;
export const MIN_SWAP_GROWTH_MB = 1024;
export const MIN_TICKS = 3;
/** The slope must also be this many standard errors above 0 (a rise of the noise alone is not growth). */
export const MIN_T_STATISTIC = 4;

/** Per-tick samples: when (s), the backlog, the swap in use over all machines (MB). */
export interface TickSeries {
  readonly atS: readonly number[];
  readonly backlog: readonly number[];
  readonly swapMB: readonly number[];
}

export function steadyStateOf(series: TickSeries, durationS: number): SteadyState {
  const fromS = (durationS * 2) / 3;
  const window = [round6(fromS), round6(durationS)] as const;
  const inWindow = series.atS.flatMap((s, i) => (s >= fromS - 1e-9 && s <= durationS + 1e-9 ? [i] : []));
  if (inWindow.length < MIN_TICKS) return { steady: null, backlogSlopePerS: null, swapSlopeMBPerS: null, window };
  const xs = inWindow.map((i) => series.atS[i]);
  const backlog = inWindow.map((i) => series.backlog[i]);
  const swap = inWindow.map((i) => series.swapMB[i]);
  const backlogFit = fitLine(xs, backlog);
  const swapFit = fitLine(xs, swap);
  const windowS = durationS - fromS;
  const growing =
    grows(backlogFit, windowS, meanOf(backlog), MIN_BACKLOG_GROWTH) ||
    grows(swapFit, windowS, meanOf(swap), MIN_SWAP_GROWTH_MB);
  return {
    steady: !growing,
    backlogSlopePerS: round6OrNull(backlogFit.slope),
    swapSlopeMBPerS: round6OrNull(swapFit.slope),
    window,
  };
}

function grows(fit: LineFit, windowS: number, mean: number, floor: number): boolean {
  const growth = fit.slope * windowS;
  return growth > GROWTH_FRACTION * mean && growth > floor && fit.tStatistic > MIN_T_STATISTIC;
}

export interface LineFit {
  readonly slope: number;
  /** slope / its standard error (Infinity for points exactly on a rising line). */
  readonly tStatistic: number;
}

/** The least-squares line of ys against xs (slope 0 when every x is the same). */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  const n = xs.length;
  const mx = meanOf(xs);
  const my = meanOf(ys);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  if (sxx === 0) return { slope: 0, tStatistic: 0 };
  const slope = sxy / sxx;
  let residuals = 0;
  for (let i = 0; i < n; i++) residuals += (ys[i] - my - slope * (xs[i] - mx)) ** 2;
  const standardError = Math.sqrt(residuals / (n - 2) / sxx);
  return {
    slope,
    tStatistic: standardError === 0 ? (slope === 0 ? 0 : Math.sign(slope) * Infinity) : slope / standardError,
  };
}

function meanOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

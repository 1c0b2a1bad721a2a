import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvocationTemplate } from '../../model/invocation.ts';
import { parseTraceSpec, type TraceSpec } from '../../sim/trace/spec.ts';
import type { WorkloadSource } from '../../sim/workload/source.ts';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/traces');
export const F2019 = 'azure2019-fn500';
export const F2021 = 'azure2021/AzureFunctionsInvocationTrace2021-first998.csv';

export function spec(raw: Record<string, unknown>): TraceSpec {
  return parseTraceSpec(raw, 'scenario.yaml');
}

export function drain(src: WorkloadSource, limit = Infinity): { arrivalUs: number; template: InvocationTemplate }[] {
  const out: { arrivalUs: number; template: InvocationTemplate }[] = [];
  for (let a = src.next(); a !== null && out.length < limit; a = src.next())
    out.push({ arrivalUs: a.arrivalUs, template: a.template });
  return out;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'priceclass-trace-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const H = (c: string) => c.repeat(8);

/** Header rows of the 2019 durations and memory files. */
export const DURATIONS_HEADER = [
  'HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum',
  ...[0, 1, 25, 50, 75, 99, 100].map((p) => `percentile_Average_${p}`),
].join(',');
export const MEMORY_HEADER = [
  'HashFunction,HashOwner,HashApp,SampleCount,AverageAllocatedMb',
  ...[1, 5, 25, 50, 75, 95, 99, 100].map((p) => `AverageAllocatedMb_pct${p}`),
].join(',');

/** A tiny valid 2019 triple; `inv`, `dur`, `mem` override the file texts. */
export function write2019(dir: string, over: { inv?: string; dur?: string; mem?: string } = {}): void {
  const inv =
    over.inv ??
    [
      'HashOwner,HashApp,HashFunction,Trigger,10,11,12',
      `${H('o1')},${H('a1')},${H('f1')},http,2,0,1`,
      `${H('o2')},${H('a2')},${H('f2')},timer,0,3,1`,
      '',
    ].join('\n');
  const dur =
    over.dur ??
    [
      DURATIONS_HEADER,
      `${H('o1')},${H('a1')},${H('f1')},100,10,1.0,500.0,10,20,50,100,150,400,500`,
      `${H('o2')},${H('a2')},${H('f2')},2000,10,1.0,9000.0,1000,1100,1500,2000,2500,5000,6000`,
      '',
    ].join('\n');
  const mem =
    over.mem ??
    [
      MEMORY_HEADER,
      `${H('f1')},${H('o1')},${H('a1')},100,150,100,110,130,150,170,190,200,210`,
      `${H('f2')},${H('o2')},${H('a2')},100,50.5,40,41,45,50,55,60,61,62`,
      '',
    ].join('\n');
  writeFileSync(join(dir, 'invocations.csv'), inv);
  writeFileSync(join(dir, 'durations.csv'), dur);
  writeFileSync(join(dir, 'memory.csv'), mem);
}

export const HASH = H;

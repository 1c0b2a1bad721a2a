import { describe, expect, it } from 'vitest';
import { ssdTable } from '../../../sim/report/ssd-table.ts';

const H =
  'workload.arrivals[0].load,cluster.swapMBPerS,seed,policy,class,arrived,completed,killed,latencyP99S,' +
  'swappedOutMB,swappedInMB,swapInWaitS';

describe('ssdTable', () => {
  it('sums kills and swap over the classes and takes p99 of the first (low) and last (high) class', () => {
    const csv = [
      H,
      '0.8,250,1,xx,low,10,8,2,5.5,2048,1024,3',
      '0.8,250,1,xx,high,10,10,1,0.25,1024,1024,1.5',
      '0.8,unlimited,1,xx,low,10,10,0,0.5,4096,4096,0',
      '0.8,unlimited,1,xx,high,10,10,0,,0,0,0',
    ].join('\n');
    expect(ssdTable(csv).slice(2)).toEqual([
      '| 0.8 | 250 | 3 | 0.250 s | 5.50 s | 3 | 2 | 4.50 |',
      '| 0.8 | unlimited | 0 | – | 0.500 s | 4 | 4 | 0.00 |',
    ]);
  });
});

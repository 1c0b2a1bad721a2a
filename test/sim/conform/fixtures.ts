// The scenario fixtures conformance compares, and how `npm test` shortens each (full size in `npm run validate`).

export interface ConformFixture {
  readonly file: string;
  /** --set assignments that make the run short enough for `npm test`. */
  readonly short: readonly string[];
}

export const CONFORM_FIXTURES: readonly ConformFixture[] = [
  { file: 'fixtures/paper/fig3.yaml', short: ['durationS=1', 'warmupS=0', 'cluster.machines=20'] },
  { file: 'fixtures/paper/fig4.yaml', short: ['durationS=1', 'warmupS=0', 'cluster.machines=20'] },
  { file: 'fixtures/paper/fig4-as-is.yaml', short: ['durationS=1', 'warmupS=0', 'cluster.machines=20'] },
  { file: 'fixtures/scenarios/shard-rules.yaml', short: ['durationS=2', 'warmupS=0'] },
  {
    file: 'fixtures/scenarios/antagonists.yaml',
    short: ['durationS=3', 'warmupS=0', 'antagonists[0].atS=1', 'antagonists[0].untilS=2'],
  },
  { file: 'fixtures/scenarios/memory-inversion.yaml', short: [] },
  { file: 'fixtures/traces/azure2019.yaml', short: ['durationS=10', 'warmupS=0', 'tickS=1', 'cluster.machines=10'] },
  { file: 'fixtures/traces/azure2021.yaml', short: ['durationS=600', 'warmupS=0'] },
];

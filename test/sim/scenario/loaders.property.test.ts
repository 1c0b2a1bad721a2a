import { fc, test } from '@fast-check/vitest';
import { describe } from 'vitest';
import { parseScenario, validateScenario } from '../../../sim/scenario/parse.ts';
import { InputError } from '../../../sim/util/errors.ts';

// The scenario loaders either load or report: whatever text or value they are given, the only thing they may
// throw is a one-line InputError.

function loadsOrReports(fn: () => unknown, { crashIsBug = false } = {}): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    if (err.message.includes('\n')) throw new Error(`multi-line message: ${err.message}`);
    // A validated value never legitimately ends in the loaders' catch-all (that is a crash caught by guard()).
    if (crashIsBug && err.message.includes('cannot read the scenario')) throw err;
  }
}

const json = fc.oneof(fc.double(), fc.integer(), fc.jsonValue());
const call = (extra: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record(
    {
      class: fc.oneof(fc.constantFrom('low', 'high', 'mid', 0, 1, 2, -1), fc.jsonValue()),
      runtimeS: json,
      memoryMB: fc.oneof(json, fc.dictionary(fc.constantFrom('initial', 'peak', 'x'), json)),
      ...extra,
    },
    { requiredKeys: [] },
  );
/** Children nested at most `depth` deep (a bounded tree: fast-check's letrec can grow huge ones). */
const children = (depth: number): fc.Arbitrary<unknown[]> =>
  depth === 0 ? fc.constant([]) : fc.array(call({ afterS: json, children: children(depth - 1) }), { maxLength: 2 });
const invocations = fc.array(call({ atS: json, tenant: json, function: json, children: children(3) }), {
  maxLength: 4,
});

const scenarioish = fc.record(
  {
    durationS: fc.oneof(fc.double(), fc.integer(), fc.string()),
    warmupS: fc.oneof(fc.double(), fc.integer()),
    cluster: fc.dictionary(
      fc.constantFrom('machines', 'coresPerMachine', 'memoryMB', 'swapMB', 'shards', 'x'),
      fc.jsonValue(),
    ),
    policies: fc.array(
      fc.oneof(
        fc.constantFrom('xx', 'hermod', 'nope'),
        fc.dictionary(fc.constantFrom('name', 'k', 'idleList', 'zzz'), fc.jsonValue()),
      ),
    ),
    workload: fc.record(
      {
        arrivals: fc.array(
          fc.dictionary(
            fc.constantFrom('fromS', 'load', 'ratePerS'),
            fc.oneof(fc.double(), fc.integer(), fc.jsonValue()),
          ),
        ),
        runtimeS: fc.oneof(
          fc.jsonValue(),
          fc.record({
            dist: fc.constantFrom('pareto', 'normal', 'zipf'),
            alpha: fc.jsonValue(),
            xm: fc.jsonValue(),
            mean: fc.jsonValue(),
          }),
        ),
        classWeights: fc.array(fc.double()),
        trace: fc.jsonValue(),
        invocations,
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe('scenario loaders never crash', () => {
  test.prop([fc.string({ maxLength: 400 })], { numRuns: 300 })('arbitrary text', (text) => {
    loadsOrReports(() => parseScenario(text, 'fuzz.yaml'));
  });
  test.prop([fc.jsonValue()], { numRuns: 300 })('arbitrary JSON values', (value) => {
    loadsOrReports(() => validateScenario(value, 'fuzz.json'));
  });
  test.prop([scenarioish], { numRuns: 300 })('scenario-shaped values', (value) => {
    loadsOrReports(() => validateScenario(value, 'fuzz.json'), { crashIsBug: true });
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe } from 'vitest';
import { parseScenario, validateScenario } from '../../../sim/scenario/parse.ts';
import { InputError } from '../../../sim/util/errors.ts';

// The scenario loaders either load or report: whatever text or value they are given, the only thing they may
// throw is a one-line InputError.

function loadsOrReports(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    if (err.message.includes('\n')) throw new Error(`multi-line message: ${err.message}`);
  }
}

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
    loadsOrReports(() => validateScenario(value, 'fuzz.json'));
  });
});

import { describe, expect, it } from 'vitest';
import { conformScenario } from '../../sim/conform/compare.ts';
import { loadScenario } from '../../sim/scenario/parse.ts';
import { CONFORM_FIXTURES } from '../sim/conform/fixtures.ts';

// Every scenario fixture at full size, on both engines: identical observation streams and results (wallS aside).
// Only in `npm run validate` (PRICECLASS_VALIDATE=full): these runs take minutes; `npm test` runs them shortened.

const full = process.env.PRICECLASS_VALIDATE === 'full';

describe.runIf(full)('conformance on the scenario fixtures at full size', () => {
  for (const f of CONFORM_FIXTURES) {
    it(f.file, () => {
      for (const p of conformScenario(loadScenario(f.file, []), f.file)) {
        expect(p.divergence, `${p.policy}: first divergence`).toBeNull();
        expect(p.resultsDiffer, `${p.policy}: results`).toBeNull();
      }
    }, 3_600_000);
  }
});

// The suite Stryker runs (vitest.stryker.config.ts): every hand-worked model test, then the all-at-once property
// run, loaded as one test file. Vitest gives each test file a fresh worker and module graph, so a mutant covered
// by tests in ten files paid for ten imports of the model; as one file it pays for one. The tests are the same
// (Stryker still picks the ones that reach each mutant by name), and the cheap hand-worked ones run first, so a
// mutant they kill never waits for the property run.
import './model/budget-billing.test.ts';
import './model/idle-list.test.ts';
import './model/inheritance.test.ts';
import './model/invocation.test.ts';
import './model/machine-priority.test.ts';
import './model/machine-wake.test.ts';
import './model/memory-growth.test.ts';
import './model/memory-inversion.test.ts';
import './model/memory-swap-kill.test.ts';
import './model/microsteps.test.ts';
import './model/network-deliver.test.ts';
import './model/network.test.ts';
import './model/placement.test.ts';
import './model/policy-resolution.test.ts';
import './model/processor-sharing.test.ts';
import './model/purity-determinism.test.ts';
import './model/router-ids.test.ts';
import './model/shard-hold.test.ts';
import './model/shard-selection.test.ts';
import './model/swap-device.test.ts';
import './model/swap-in-called-off.test.ts';
import './model/timers.test.ts';

if (process.env.STRYKER_SCOPE !== 'model') await import('./properties/all-at-once.test.ts');

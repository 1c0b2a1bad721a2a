import { describe, expect, it } from 'vitest';
import type { Policy } from '../../model/index.ts';
import {
  DEFAULT_MODEL_KNOBS,
  knobTableMarkdown,
  MODEL_KNOBS,
  makeConfig,
  POLICY_KNOBS,
  POLICY_NAMES,
  POLICY_PRESETS,
  PolicyError,
  resolvePolicy,
} from '../../model/index.ts';
import { presetTableMarkdown } from '../../model/policy.ts';
import { TWO_CLASSES } from './helpers.ts';

// resolvePolicy: a preset by name, knobs overridden one by one, errors that name the offending option.
// Knobs are declared once (POLICY_KNOBS in model/policy.ts, MODEL_KNOBS in model/config.ts): schema, default, doc.

function errorOf(spec: string | Record<string, unknown>): PolicyError {
  try {
    resolvePolicy(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error(`resolvePolicy(${JSON.stringify(spec)}) did not throw`);
}

describe('presets', () => {
  it('each name resolves to its preset (a string or { name })', () => {
    for (const name of ['xx', 'hermod', 'openwhisk', 'knative']) {
      expect(resolvePolicy(name)).toEqual(POLICY_PRESETS[name]);
      expect(resolvePolicy({ name })).toEqual(POLICY_PRESETS[name]);
    }
  });

  it('xx: class-aware preemptive priority, priceTimesWait, idle lists by memory, swap, k = 3', () => {
    expect(resolvePolicy('xx')).toMatchObject<Partial<Policy>>({
      name: 'xx',
      classAware: true,
      discipline: 'priority',
      preemptive: true,
      shardRule: 'priceTimesWait',
      idleList: true,
      idleBy: 'memory',
      whenIdleListEmpty: 'pollK',
      pollPick: 'leastLoaded',
      swap: true,
      k: 3,
      throttle: 'hold',
    });
  });

  it('hermod: class-blind, processor sharing, no idle list, no swap (pressure kills)', () => {
    expect(resolvePolicy('hermod')).toMatchObject<Partial<Policy>>({
      name: 'hermod',
      classAware: false,
      discipline: 'ps',
      idleList: false,
      swap: false,
      pollPick: 'leastLoaded',
    });
  });

  it('openwhisk: class-blind FCFS non-preemptive, first free machine in the probe sequence', () => {
    expect(resolvePolicy('openwhisk')).toMatchObject<Partial<Policy>>({
      name: 'openwhisk',
      classAware: false,
      discipline: 'priority',
      preemptive: false,
      pollPick: 'firstFree',
      idleList: false,
    });
  });

  it('knative: late binding through an idle list of machines with a free slot, holding when empty', () => {
    expect(resolvePolicy('knative')).toMatchObject<Partial<Policy>>({
      name: 'knative',
      classAware: false,
      idleList: true,
      idleBy: 'slots',
      whenIdleListEmpty: 'hold',
    });
  });
});

describe('overrides', () => {
  it('overrides only the named knobs; label renames the run', () => {
    const p = resolvePolicy({ name: 'xx', idleList: false, k: 5, shardRule: 'priceOverWait', label: 'xx-noidle' });
    const expected = { ...POLICY_PRESETS.xx, idleList: false, k: 5, shardRule: 'priceOverWait', name: 'xx-noidle' };
    expect(p).toEqual(expected);
  });

  it('does not change the preset it started from', () => {
    const before = structuredClone(POLICY_PRESETS.xx);
    resolvePolicy({ name: 'xx', swap: false, agingUs: 7 });
    expect(POLICY_PRESETS.xx).toEqual(before);
  });

  it('accepts the boundary values (shardDecisionUs = 0, k = 1, agingUs = 1)', () => {
    const edges = { shardDecisionUs: 0, k: 1, agingUs: 1 };
    expect(resolvePolicy({ name: 'hermod', ...edges })).toMatchObject(edges);
  });
});

describe('errors name the option', () => {
  it.each([
    [{ name: 'slurm' }, 'name', /xx, hermod, openwhisk, knative/],
    [{}, 'name', /got undefined/],
    ['nope', 'name', /"nope"/],
    [{ name: 'xx', k: 0 }, 'k', /integer >= 1, got 0/],
    [{ name: 'xx', k: 1.5 }, 'k', /integer/],
    [{ name: 'xx', k: '3' }, 'k', /got "3"/],
    [{ name: 'xx', shardDecisionUs: -1 }, 'shardDecisionUs', />= 0/],
    [{ name: 'xx', agingUs: Infinity }, 'agingUs', /integer/],
    [{ name: 'xx', shardRule: 'ratio' }, 'shardRule', /priceTimesWait, priceOverWait, priceOnly, fcfs, got "ratio"/],
    [{ name: 'xx', discipline: 'cfs' }, 'discipline', /priority, ps/],
    [{ name: 'xx', throttle: 'drop' }, 'throttle', /hold, demote/],
    [{ name: 'xx', swap: 'yes' }, 'swap', /true or false/],
    [{ name: 'xx', label: '' }, 'label', /non-empty string/],
    // Not strings: a label of 5 has no length to test, and ['xx'] would find the preset 'xx' as a property key.
    [{ name: 'xx', label: 5 }, 'label', /non-empty string, got 5/],
    [{ name: ['xx'] }, 'name', /got \["xx"\]/],
    [{ name: 'xx', cores: 8 }, 'cores', /known policy option \(classAware, discipline, .*, throttle, name, label\)/],
    [{ name: 'xx', agingUs: 0 }, 'agingUs', /^agingUs: an integer >= 1, got 0$/],
  ] as const)('%j -> %s', (spec, field, message) => {
    const e = errorOf(spec as Record<string, unknown>);
    expect(e.field).toBe(field);
    expect(e.message.startsWith(`${field}: `)).toBe(true);
    expect(e.message).toMatch(message);
  });
});

describe('knobs are declared once', () => {
  const knobNames = Object.keys(POLICY_KNOBS);

  it('every preset sets exactly the declared policy knobs, plus its name', () => {
    expect(POLICY_NAMES).toEqual(['xx', 'hermod', 'openwhisk', 'knative']);
    const keys = [...knobNames, 'name'].sort();
    for (const name of POLICY_NAMES) expect(Object.keys(POLICY_PRESETS[name]).sort(), name).toEqual(keys);
  });

  it("xx is the knobs' defaults; every knob accepts its default as an override", () => {
    for (const [k, knob] of Object.entries(POLICY_KNOBS)) {
      expect(POLICY_PRESETS.xx[k as keyof Policy], k).toEqual(knob.defaultValue);
      const p = resolvePolicy({ name: 'hermod', [k]: knob.defaultValue });
      expect(p[k as keyof Policy], k).toEqual(knob.defaultValue);
    }
  });

  it('model knobs: DEFAULT_MODEL_KNOBS are the declared defaults, and makeConfig fills them (budgets: none)', () => {
    expect(Object.keys(DEFAULT_MODEL_KNOBS)).toEqual(Object.keys(MODEL_KNOBS));
    for (const [k, knob] of Object.entries(MODEL_KNOBS)) {
      expect(DEFAULT_MODEL_KNOBS[k as keyof typeof DEFAULT_MODEL_KNOBS], k).toBe(knob.defaultValue);
    }
    const cfg = makeConfig({ priceClasses: TWO_CLASSES, policy: POLICY_PRESETS.xx, idleThresholdMB: 7 });
    const policy = POLICY_PRESETS.xx;
    expect(cfg).toEqual({ ...DEFAULT_MODEL_KNOBS, idleThresholdMB: 7, budgets: {}, priceClasses: TWO_CLASSES, policy });
  });

  it('the knob table has one row per knob: name, values read off the schema, default, doc', () => {
    const rows = knobTableMarkdown(POLICY_KNOBS).split('\n');
    expect(rows.slice(0, 2)).toEqual(['| knob | values | default | meaning |', '|---|---|---|---|']);
    expect(rows).toHaveLength(2 + knobNames.length);
    expect(rows).toContain(`| \`k\` | integer >= 1 | \`3\` | ${POLICY_KNOBS.k.doc} |`);
    const values = '`strict` \\| `firstFit`';
    expect(rows).toContain(`| \`swapOrder\` | ${values} | \`"strict"\` | ${POLICY_KNOBS.swapOrder.doc} |`);
    expect(knobTableMarkdown(MODEL_KNOBS).split('\n')).toContain(
      `| \`idleThresholdMB\` | number >= 0 | \`8192\` | ${MODEL_KNOBS.idleThresholdMB.doc} |`,
    );
  });
});

describe('presetTableMarkdown (the presets table of the model README)', () => {
  it('lists each baseline with exactly the knobs that differ from xx, in knob order', () => {
    expect(presetTableMarkdown().split('\n')).toEqual([
      '| preset | knobs that differ from `xx` |',
      '|---|---|',
      '| `hermod` | `classAware: false`, `discipline: ps`, `preemptive: false`, `shardRule: fcfs`, ' +
        '`idleList: false`, `swap: false` |',
      '| `openwhisk` | `classAware: false`, `preemptive: false`, `shardRule: fcfs`, `idleList: false`, ' +
        '`pollPick: firstFree`, `swap: false`, `k: 4` |',
      '| `knative` | `classAware: false`, `preemptive: false`, `shardRule: fcfs`, `idleBy: slots`, ' +
        '`whenIdleListEmpty: hold`, `swap: false` |',
    ]);
  });
});

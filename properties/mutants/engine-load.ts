import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineFactory } from '../conformance.ts';
import type { EngineMutant } from './engine-catalogue.ts';
import { engineMutantByName } from './engine-catalogue.ts';

// Builds an engine mutant as load.ts builds a model mutant: a copy of model/ and sim/engine/ (the fast engine's
// imports) with one patch applied to one file of sim/engine/fast/, under out/.mutants/engine-<name>-<hash>/,
// written once and atomically, then imports the copy's fast engine.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COPIED = ['model', 'sim/engine'];
const FAST = 'sim/engine/fast';

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The copied sources with the patch applied, or an error when it no longer applies exactly once. */
export function patchedEngineSources(patch: EngineMutant): Map<string, string> {
  const files = COPIED.flatMap((d) => tsFiles(d));
  const sources = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));
  const target = join(FAST, patch.file);
  const text = sources.get(target);
  if (text === undefined) throw new Error(`engine mutant ${patch.name}: ${target} does not exist`);
  const count = text.split(patch.find).length - 1;
  if (count !== 1) {
    throw new Error(`engine mutant ${patch.name}: its patch matches ${count} times in ${target} (must be 1)`);
  }
  sources.set(
    target,
    text.replace(patch.find, () => patch.replace),
  );
  return sources;
}

function materialize(patch: EngineMutant): string {
  const sources = patchedEngineSources(patch);
  const hash = createHash('sha256');
  for (const [f, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${f}\0${text}\0`);
  const dir = join(ROOT, 'out/.mutants', `engine-${patch.name}-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, FAST, 'engine.ts'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [f, text] of sources) {
    mkdirSync(dirname(join(tmp, f)), { recursive: true });
    writeFileSync(join(tmp, f), text);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process made it first
  }
  return dir;
}

const loaded = new Map<string, Promise<EngineFactory>>();

/** The mutant's createFastSimulation. */
export function loadEngineMutant(name: string): Promise<EngineFactory> {
  const patch = engineMutantByName(name);
  if (patch === undefined) return Promise.reject(new Error(`unknown engine mutant ${name}`));
  let factory = loaded.get(name);
  if (factory === undefined) {
    const dir = materialize(patch);
    factory = import(pathToFileURL(join(dir, FAST, 'engine.ts')).href).then((mod) => mod.createFastSimulation);
    loaded.set(name, factory);
  }
  return factory;
}

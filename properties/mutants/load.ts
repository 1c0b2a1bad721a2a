import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StepResult, World } from '../../model/index.ts';
import type { MutantPatch } from './catalogue.ts';
import { mutantByName } from './catalogue.ts';

// Builds a mutant: a copy of model/ with one patch applied, under out/.mutants/<content hash>/model/ (inside the
// project, so the copy resolves its packages from the project's node_modules), and imports its entry points. The
// directory is named by the hash of the sources and the patch, so a stale copy is never used; it is written once,
// atomically (a rename), so parallel test workers can share it.

export interface MutantModel {
  readonly name: string;
  readonly patch: MutantPatch;
  readonly step: (world: World, ev: Parameters<typeof import('../../model/index.ts').step>[1]) => StepResult;
  readonly start: (world: World) => StepResult;
}

const MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../model');
const MUTANTS_DIR = resolve(MODEL_DIR, '../out/.mutants');

function modelFiles(dir = MODEL_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return modelFiles(path);
    return e.name.endsWith('.ts') ? [relative(MODEL_DIR, path)] : [];
  });
}

/** The patched sources, or an error naming the mutant when its patch no longer applies exactly once. */
export function patchedSources(patch: MutantPatch): Map<string, string> {
  const sources = new Map(modelFiles().map((f) => [f, readFileSync(join(MODEL_DIR, f), 'utf8')]));
  const text = sources.get(patch.file);
  if (text === undefined) throw new Error(`mutant ${patch.name}: model/${patch.file} does not exist`);
  const count = text.split(patch.find).length - 1;
  if (count !== 1)
    throw new Error(`mutant ${patch.name}: its patch matches ${count} times in model/${patch.file} (must be 1)`);
  sources.set(
    patch.file,
    text.replace(patch.find, () => patch.replace),
  );
  return sources;
}

function materialize(patch: MutantPatch): string {
  const sources = patchedSources(patch);
  const hash = createHash('sha256');
  for (const [f, text] of [...sources].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${f}\0${text}\0`);
  const dir = join(MUTANTS_DIR, `${patch.name}-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, 'model', 'index.ts'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [f, text] of sources) {
    mkdirSync(dirname(join(tmp, 'model', f)), { recursive: true });
    writeFileSync(join(tmp, 'model', f), text);
  }
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process made it first
  }
  return dir;
}

const loaded = new Map<string, Promise<MutantModel>>();

/** A catalogued mutant by name, or any patch (the checker's planted bugs, properties/checker/planted.ts). */
export function loadMutant(name: string, patch = mutantByName(name)): Promise<MutantModel> {
  if (patch === undefined) return Promise.reject(new Error(`unknown mutant ${name}`));
  let model = loaded.get(name);
  if (model === undefined) {
    const dir = materialize(patch);
    model = import(pathToFileURL(join(dir, 'model', 'index.ts')).href).then((mod) => ({
      name,
      patch,
      step: mod.step,
      start: mod.start,
    }));
    loaded.set(name, model);
  }
  return model;
}

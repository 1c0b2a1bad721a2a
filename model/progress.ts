import type { ModelConfig } from './config.ts';
import type { Task } from './machine-state.ts';

/** Work done by a task as of the draft's current time. */
export function progressUs(d: { readonly nowUs: number; readonly psV: number }, task: Task, config: ModelConfig): number {
  if (task.state !== 'running') return task.doneUs;
  if (config.policy.discipline === 'ps') return task.doneUs + (d.psV - task.markV);
  return task.doneUs + Math.max(0, d.nowUs - task.markUs - task.stallUs);
}


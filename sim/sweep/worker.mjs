// Tinypool worker entry: registers tsx's loader in this thread (whether the CLI was started by `tsx` or by
// bin/priceclass.js, and under vitest), then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const { runPoint } = await import('./worker.ts');

export default runPoint;

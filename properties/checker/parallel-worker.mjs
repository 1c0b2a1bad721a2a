// Worker-thread entry of the parallel search: registers tsx's loader in this thread (a worker does not inherit a
// programmatic loader), then runs the TypeScript worker on its task and posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runWorker } = await import('./parallel-worker.ts');
parentPort.postMessage(await runWorker(workerData));

import path from 'node:path';
import { shimSuite } from '../../../testsuite/shim.js';
import { WasiShimManager } from './manager.js';

shimSuite('wasi (process)', (stateDir) => new WasiShimManager({ workers: 2, workerMaxTasks: 25, maxTasksPerShim: 1000, stateDir: path.join(stateDir, 'wasi') }));

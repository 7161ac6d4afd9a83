import path from 'node:path';
import { shimSuite } from '../../../testsuite/shim.js';
import { InProcessShimManager } from './manager.js';

shimSuite('wasi-inprocess', (stateDir) => new InProcessShimManager({ workers: 2, workerMaxTasks: 25, maxTasksPerShim: 1000, stateDir: path.join(stateDir, 'inprocess') }));

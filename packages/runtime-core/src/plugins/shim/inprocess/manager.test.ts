import { shimSuite } from '../../../testsuite/shim.js';
import { InProcessShimManager } from './manager.js';

shimSuite('wasi-inprocess', () => new InProcessShimManager({ workers: 2, workerMaxTasks: 25, maxTasksPerShim: 1000 }));

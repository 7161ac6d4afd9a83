import path from 'node:path';
import { contentSuite } from '../../testsuite/content.js';
import { scratch } from '../../testsuite/fixtures.js';
import { LocalStore } from './local.js';

contentSuite('local', async () => {
  const s = await scratch();
  return { store: await LocalStore.open(path.join(s.dir, 'content')), cleanup: s.cleanup };
});

// Every built-in plugin, in registration order (dependencies are honoured regardless).
import type { Registration } from '../plugin/plugin.js';
import { contentPlugin } from './content/local.js';
import { walkingDiffPlugin } from './diff/apply.js';
import { exchangePlugin } from './events/exchange.js';
import { gcPlugin } from './gc/scheduler.js';
import { metadataPlugin } from './metadata/plugin.js';
import { taskManagerPlugin } from './runtime/task_manager.js';
import { sandboxControllerPlugin } from './sandbox/controller.js';
import { inProcessShimPlugin } from './shim/inprocess/manager.js';
import { wasiShimPlugin } from './shim/wasi/manager.js';
import { nativeSnapshotPlugin } from './snapshots/native.js';
import { localTransferPlugin } from './transfer/local.js';
import { bindirVerifierPlugin } from './verifier/bindir.js';

export const builtinPlugins: Registration[] = [
  exchangePlugin,
  contentPlugin,
  metadataPlugin,
  nativeSnapshotPlugin,
  walkingDiffPlugin,
  bindirVerifierPlugin,
  localTransferPlugin,
  gcPlugin,
  wasiShimPlugin,
  inProcessShimPlugin,
  taskManagerPlugin,
  sandboxControllerPlugin,
] as Registration[];

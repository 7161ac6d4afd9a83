export async function register() {
  // Node-only start-up (database, later the scheduler) lives in its own module so the edge build
  // never sees Node APIs.
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}

// The portal's entry: `node --import tsx apps/web/server/index.ts [--dev]` (npm start, npm run serve
// and npm run dev call it; see main.ts). NODE_ENV is set before React and Next load, as `next start`
// and `next dev` do, so the production build runs with React's production code.
const dev = process.argv.includes('--dev');
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`Shepherd cannot start: PORT must be a port number, got "${process.env.PORT}"\n`);
  process.exit(1);
}
// In production a front process owns the socket and runs the Next process as its child (front.ts);
// SHEPHERD_FRONT=off (or --dev) keeps one process.
if (process.argv.includes('--backend')) {
  const { startServer } = await import('./main');
  await startServer({ dev: false, port: 0, hostname: '127.0.0.1', frontSecret: process.env.SHEPHERD_FRONT_SECRET });
} else if (!dev && process.env.SHEPHERD_FRONT !== 'off') {
  const { startFront } = await import('./front');
  await startFront({ port, entry: import.meta.filename });
} else {
  const { startServer } = await import('./main');
  await startServer({ dev, port });
}

export {};

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
const { startServer } = await import('./main');
await startServer({ dev, port });

export {};

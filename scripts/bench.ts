import fs from 'node:fs';
import path from 'node:path';

// `npm run bench -- <name> [options]`: each benchmark is scripts/bench/<name>.ts and prints its figures.
const dir = path.join(import.meta.dirname, 'bench');
const available = fs.existsSync(dir) ? fs.readdirSync(dir).filter((file) => file.endsWith('.ts')).map((file) => file.slice(0, -3)) : [];
const [name] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <name>\n  available: ${available.join(', ') || '(none)'}\n  runtime-core: npm run bench -w runtime-core -- --tasks 1000 --parallel 2`);
  process.exit(name ? 2 : 0);
}
process.argv.splice(2, 1);
await import(path.join(dir, `${name}.ts`));

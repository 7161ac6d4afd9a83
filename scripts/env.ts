import fs from 'node:fs';
import path from 'node:path';

// Every command reads the project's .env (see .env.example); variables already set win.
const file = path.resolve(import.meta.dirname, '..', '.env');
if (fs.existsSync(file)) process.loadEnvFile(file);

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The ceiling the public API is measured against: a bare Node `http` server, in its own process as the
// portal is, answering every request with the same bytes and headers from memory. Nothing to route,
// no cache lookup, no log line, no metrics: what Node itself costs on this machine, in the same run.

const SOURCE = `
const http = require('node:http');
const fs = require('node:fs');
const { body, headers } = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
const bytes = Buffer.from(body);
const server = http.createServer((request, response) => { response.writeHead(200, headers); response.end(bytes); });
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

export async function startBareServer(body: string, headers: Record<string, string>): Promise<BareServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shepherd-bare-'));
  const file = path.join(dir, 'answer.json');
  fs.writeFileSync(file, JSON.stringify({ body, headers }));
  const child: ChildProcess = spawn(process.execPath, ['-e', SOURCE, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

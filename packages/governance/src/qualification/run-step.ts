import { spawn } from 'node:child_process';

export interface StepResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** The last stdout line that parses as JSON, for commands that end with a summary. */
  lastJson: unknown;
}

export interface StepOptions {
  cwd: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  onOutput(chunk: string): void;
}

function lastJsonLine(stdout: string): unknown {
  const lines = stdout.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line);
    } catch {
      // not the summary line
    }
  }
  return null;
}

// Every step's process group that is running now, so a shutting-down worker can end them at once
// (killRunningSteps) instead of leaving them behind.
const running = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Ends every running step of this process (SIGTERM, then SIGKILL after two seconds); they report as killed. */
export function killRunningSteps(): number {
  const pids = [...running];
  for (const pid of pids) {
    killGroup(pid, 'SIGTERM');
    setTimeout(() => killGroup(pid, 'SIGKILL'), 2_000).unref();
  }
  return pids.length;
}

/**
 * Runs one command in its own process group, streaming its output; at the timeout the whole group
 * is killed (SIGTERM, then SIGKILL), so a hung build or benchmark never outlives its step.
 */
export function runStep(command: string, args: string[], options: StepOptions): Promise<StepResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let timedOut = false;
    if (child.pid !== undefined) running.add(child.pid);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid!, 'SIGTERM');
      setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 2_000).unref();
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      // Keep enough of stdout to find the final JSON summary without holding everything.
      stdout = (stdout + chunk).slice(-1_000_000);
      options.onOutput(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => options.onOutput(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      reject(new Error(`${command}: ${error.message}`));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ exitCode, signal, timedOut, durationMs: Math.round(performance.now() - started), lastJson: lastJsonLine(stdout) });
    });
  });
}

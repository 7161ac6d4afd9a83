import { describe, expect, it } from 'vitest';
import { Topic } from '../../../core/events/events.js';
import type { ExitResponse } from '../../../core/shim/shim.js';
import { eventFromWire, eventToWire, exitEvent } from './protocol.js';

// What crosses the shim's IPC channel: JSON, as Node's "json" serialization sends it.
const overIpc = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('shim event wire format', () => {
  it('sends an exit event once, as its exit, and rebuilds the same public event and exit', () => {
    const exit: ExitResponse = {
      id: 'w-1',
      pid: 42,
      exitStatus: 134,
      exitedAt: '2026-12-06T12:00:00.000Z',
      error: 'wasm trap: unreachable',
      stdout: Buffer.from('out\n'),
      stderrFile: '/state/tasks/w-1/stderr.pipe',
      truncated: { stderr: 10 },
    };
    const sent = { topic: Topic.TaskExit, event: exitEvent(exit), exit };
    const wire = overIpc(eventToWire(sent));
    expect(wire).not.toHaveProperty('event');
    const got = eventFromWire(wire);
    // The public event never carries captured output or spill paths.
    expect(got.event).toEqual({ containerId: 'w-1', id: 'w-1', pid: 42, exitStatus: 134, exitedAt: '2026-12-06T12:00:00.000Z', error: 'wasm trap: unreachable', truncated: { stderr: 10 } });
    expect(got.event).toEqual(sent.event);
    expect(Buffer.from(got.exit!.stdout!).toString()).toBe('out\n');
    expect(got.exit!.stderrFile).toBe('/state/tasks/w-1/stderr.pipe');
    expect(got.exit!.truncated).toEqual({ stderr: 10 });
  });

  it('passes other events through as they are', () => {
    const start = { topic: Topic.TaskStart, event: { containerId: 'w-2', pid: 7 } };
    expect(eventFromWire(overIpc(eventToWire(start)))).toEqual(start);
  });
});

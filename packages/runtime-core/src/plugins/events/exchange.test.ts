import { describe, expect, it } from 'vitest';
import { Exchange } from './exchange.js';
import { Topic } from '../../core/events/events.js';

describe('events exchange', () => {
  it('delivers in publish order, filtered by topic and event fields', async () => {
    const ex = new Exchange();
    const all = ex.subscribe();
    const exits = ex.subscribe('topic==/tasks/exit,event.containerId~=^b');
    ex.publish('default', Topic.TaskCreate, { containerId: 'a' });
    ex.publish('default', Topic.TaskExit, { containerId: 'a' });
    ex.publish('default', Topic.TaskExit, { containerId: 'b1' });
    ex.close();
    const seen: string[] = [];
    for await (const e of all) seen.push(`${e.topic}:${(e.event as { containerId: string }).containerId}`);
    expect(seen).toEqual(['/tasks/create:a', '/tasks/exit:a', '/tasks/exit:b1']);
    const filtered: unknown[] = [];
    for await (const e of exits) filtered.push(e.event);
    expect(filtered).toEqual([{ containerId: 'b1' }]);
  });
});

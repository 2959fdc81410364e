import { describe, expect, it } from 'vitest';
import { createTaskRegistry, taskListOf } from './job-queue.js';

describe('task list', () => {
  it('runs each task under its name and under the former names that point at it', () => {
    const registry = createTaskRegistry();
    const send = async ({ emailId }: { emailId: string }) => void emailId;
    registry.tasks['email.send'] = send;
    registry.formerNames['send-email'] = 'email.send';
    // A former name whose task is not registered in this process is left out, not run by nothing.
    registry.formerNames['old-sweep'] = 'stripe.sweep-org';
    const list = taskListOf(registry);
    expect(Object.keys(list).sort()).toEqual(['email.send', 'send-email']);
    expect(list['send-email']).toBe(send);
  });
});

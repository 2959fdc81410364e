import { describe, expect, it } from 'vitest';
import { createPubSub } from './pub-sub.js';

type Topics = { A: [number]; B: [string] };

describe('the in-process pub/sub', () => {
  it('hands each subscriber of a topic every payload, in order, including what arrived before it asked', async () => {
    const ps = createPubSub<Topics>();
    const one = ps.subscribe('A');
    const two = ps.subscribe('A');
    const other = ps.subscribe('B');
    const first = one.next(); // listening from here
    const second = two.next();
    void other.next();
    ps.publish('A', 1);
    ps.publish('A', 2);
    ps.publish('A', 3);
    expect(await first).toEqual({ done: false, value: 1 });
    expect(await second).toEqual({ done: false, value: 1 });
    expect(await one.next()).toEqual({ done: false, value: 2 });
    expect(await one.next()).toEqual({ done: false, value: 3 });
    expect(await two.next()).toEqual({ done: false, value: 2 });
    await Promise.all([one.return(), two.return(), other.return()]);
  });

  it('listens only once asked (the first next), and hears nothing after return()', async () => {
    const ps = createPubSub<Topics>();
    const s = ps.subscribe('A');
    ps.publish('A', 1); // before the first next(): not listening yet
    const pending = s.next();
    ps.publish('A', 2);
    expect(await pending).toEqual({ done: false, value: 2 });
    const waiting = s.next();
    expect(await s.return()).toEqual({ done: true, value: undefined });
    expect(await waiting).toEqual({ done: true, value: undefined });
    ps.publish('A', 3);
    expect(await s.next()).toEqual({ done: true, value: undefined });
  });

  it('answers next() calls made before any event in the order they were made', async () => {
    const ps = createPubSub<Topics>();
    const s = ps.subscribe('A');
    const [a, b] = [s.next(), s.next()];
    ps.publish('A', 1);
    ps.publish('A', 2);
    expect(await Promise.all([a, b])).toEqual([
      { done: false, value: 1 },
      { done: false, value: 2 },
    ]);
    const c = s.next();
    await s.return();
    expect(await c).toEqual({ done: true, value: undefined });
  });

  it('a subscription ended twice does not silence the subscribers that came after it', async () => {
    const ps = createPubSub<Topics>();
    const early = ps.subscribe('A');
    void early.next();
    await early.return();
    const late = ps.subscribe('A');
    const got = late.next();
    await early.return();
    ps.publish('A', 5);
    expect(await got).toEqual({ done: false, value: 5 });
  });

  it('a subscriber that leaves while a payload is handed out does not stop the others getting it', async () => {
    const ps = createPubSub<Topics>();
    const leaving = ps.subscribe('A');
    const staying = ps.subscribe('A');
    void leaving.next().then(() => leaving.return());
    const got = staying.next();
    ps.publish('A', 7);
    expect(await got).toEqual({ done: false, value: 7 });
  });

  it('ends a subscription whose consumer stopped reading, rather than queue without bound', async () => {
    const ps = createPubSub<Topics>();
    const stuck = ps.subscribe('A');
    await Promise.race([stuck.next(), Promise.resolve()]);
    for (let i = 0; i < 1_002; i++) ps.publish('A', i);
    // The first payload went to the pending next(); the next 1,000 queued; the one after ended it.
    expect(await stuck.next()).toEqual({ done: true, value: undefined });
  });
});

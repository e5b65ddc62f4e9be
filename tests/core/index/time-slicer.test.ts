import { describe, expect, it } from 'vitest';
import { createTimeSlicer, noSlicing } from '../../../src/core/index/time-slicer';

describe('createTimeSlicer', () => {
  it('yields only once the current slice has run its budget, then starts a new slice', async () => {
    let now = 0;
    let yields = 0;
    const slicer = createTimeSlicer(() => now, async () => void yields++, 10);
    await slicer.pause();
    now = 9;
    await slicer.pause();
    expect(yields).toBe(0);
    now = 10;
    await slicer.pause();
    expect(yields).toBe(1);
    now = 15;
    await slicer.pause();
    expect(yields).toBe(1);
    now = 25;
    await slicer.pause();
    expect(yields).toBe(2);
  });

  it('never yields with an infinite budget, nor as noSlicing', async () => {
    let now = 0;
    let yields = 0;
    const slicer = createTimeSlicer(() => now, async () => void yields++, Infinity);
    for (let i = 0; i < 5; i++) {
      now += 1000;
      await slicer.pause();
      await noSlicing.pause();
    }
    expect(yields).toBe(0);
  });
});

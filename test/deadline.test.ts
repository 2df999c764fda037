import { describe, expect, it } from 'vitest';
import { within } from '../src/deadline.js';

describe('within', () => {
  it('tells whether the work ended in time', async () => {
    expect(await within(new Promise((r) => setTimeout(r, 10)), 500)).toBe(true);
    expect(await within(new Promise((r) => setTimeout(r, 500)), 10)).toBe(false);
  });

  it('passes the work’s failure on', async () => {
    await expect(within(Promise.reject(new Error('down')), 500)).rejects.toThrow('down');
  });
});

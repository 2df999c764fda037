import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/group-commit.js';

describe('group commit', () => {
  it('puts calls that arrive while a commit runs into the next commit, in order', async () => {
    const commits: number[][] = [];
    let release!: () => void;
    const firstCommitHeld = new Promise<void>((resolve) => (release = resolve));
    const commit = groupCommit<number, string>(async (items) => {
      commits.push(items);
      if (commits.length === 1) await firstCommitHeld;
      return items.map((n) => `#${n}`);
    });

    const first = [commit([1, 2]), commit([3])];
    await Promise.resolve();
    await Promise.resolve();
    const waiting = [commit([4]), commit([5, 6]), commit([7])];
    release();

    expect(await Promise.all([...first, ...waiting])).toEqual([['#1', '#2'], ['#3'], ['#4'], ['#5', '#6'], ['#7']]);
    expect(commits).toEqual([[1, 2, 3], [4, 5, 6, 7]]);
  });

  it('fails the calls of a failed commit only', async () => {
    const commit = groupCommit<number, number>(async (items) => {
      if (items.includes(13)) throw new Error('unlucky batch');
      return items;
    });
    const failed = commit([13]);
    await expect(failed).rejects.toThrow('unlucky batch');
    expect(await commit([14])).toEqual([14]);
  });
});

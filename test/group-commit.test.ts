import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/group-commit.js';

describe('group commit', () => {
  it('puts calls that arrive while a commit runs into the next commit, in order', async () => {
    const commits: number[][] = [];
    let release!: () => void;
    const firstCommitHeld = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstCommitStarted = new Promise<void>((resolve) => (started = resolve));
    const commit = groupCommit<number, string>(async (items) => {
      commits.push(items);
      if (commits.length === 1) {
        started();
        await firstCommitHeld;
      }
      return items.map((n) => `#${n}`);
    });

    const first = [commit([1, 2]), commit([3])];
    await firstCommitStarted;
    const waiting = [commit([4]), commit([5, 6]), commit([7])];
    release();

    expect(await Promise.all([...first, ...waiting])).toEqual([['#1', '#2'], ['#3'], ['#4'], ['#5', '#6'], ['#7']]);
    expect(commits).toEqual([
      [1, 2, 3],
      [4, 5, 6, 7],
    ]);
  });

  it('lets every call of one turn of the event loop share the first commit, however many awaits deep', async () => {
    const commits: number[][] = [];
    const commit = groupCommit<number, number>(async (items) => {
      commits.push(items);
      return items;
    });
    const now = commit([1]);
    // A continuation a few awaits later, as a delivery's next write after a synchronous step would be.
    const later = (async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
      return commit([2]);
    })();
    expect(await Promise.all([now, later])).toEqual([[1], [2]]);
    expect(commits).toEqual([[1, 2]]);
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

import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/pipeline/deliver.js';

const answer = (status: number, body: unknown) => ({ status, mediaType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('interpret, what a destination answer means', () => {
  it('takes a receipt bound to the digest of what was sent', () => {
    expect(interpret(answer(200, { status: 'accepted', receivedSha256: 'abc' }), 'abc')).toEqual({ receipt: { status: 'accepted', receivedSha256: 'abc' } });
  });

  it('does not count a receipt for other bytes as delivered, and retries', () => {
    const outcome = interpret(answer(200, { status: 'accepted', receivedSha256: 'other' }), 'abc');
    expect(outcome).toMatchObject({ retry: true, error: expect.stringMatching(/does not match what was sent/) });
  });

  it('retries 5xx, 408 and 429, and unreadable receipts', () => {
    for (const status of [500, 502, 503, 408, 429]) expect(interpret(answer(status, ''), 'abc')).toMatchObject({ retry: true });
    expect(interpret(answer(200, '<ok/>'), 'abc')).toMatchObject({ retry: true });
    expect(interpret(answer(200, { status: 'maybe', receivedSha256: 'abc' }), 'abc')).toMatchObject({ retry: true });
  });

  it('gives up at once on other 4xx answers', () => {
    expect(interpret(answer(400, 'bad'), 'abc')).toMatchObject({ retry: false, error: expect.stringMatching(/refused the delivery with 400/) });
  });
});

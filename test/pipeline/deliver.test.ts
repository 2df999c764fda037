import { describe, expect, it } from 'vitest';
import { interpret } from '../../src/pipeline/deliver.js';

const answer = (status: number, body: unknown) => ({ status, mediaType: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('interpret, what a destination answer means', () => {
  it('takes a receipt bound to the digest of what was sent', () => {
    expect(interpret(answer(200, { status: 'accepted', receivedSha256: 'abc' }), 'abc')).toEqual({ kind: 'receipt', receipt: { status: 'accepted', receivedSha256: 'abc' } });
    expect(interpret(answer(200, { status: 'rejected', receivedSha256: 'abc' }), 'abc')).toMatchObject({ kind: 'receipt', receipt: { status: 'rejected' } });
  });

  it('does not count a receipt for other bytes as delivered, and retries', () => {
    expect(interpret(answer(200, { status: 'accepted', receivedSha256: 'other' }), 'abc')).toMatchObject({ kind: 'retry', error: expect.stringMatching(/does not match what was sent/) });
  });

  it('waits for a later acknowledgement when the destination answers 202 without a receipt', () => {
    expect(interpret(answer(202, ''), 'abc')).toEqual({ kind: 'awaiting-acknowledgement' });
    expect(interpret(answer(202, { status: 'pending' }), 'abc')).toEqual({ kind: 'awaiting-acknowledgement' });
  });

  it('retries 5xx, 408 and 429, and unreadable receipts', () => {
    for (const status of [500, 502, 503, 408, 429]) expect(interpret(answer(status, ''), 'abc')).toMatchObject({ kind: 'retry' });
    expect(interpret(answer(200, '<ok/>'), 'abc')).toMatchObject({ kind: 'retry' });
    expect(interpret(answer(200, { status: 'maybe', receivedSha256: 'abc' }), 'abc')).toMatchObject({ kind: 'retry' });
  });

  it('takes other 4xx answers as a refusal, keeping the findings of a problem body', () => {
    expect(interpret(answer(400, 'bad'), 'abc')).toMatchObject({ kind: 'refused', error: 'destination refused the delivery with 400', findings: [{ code: 'delivery.refused' }] });
    const problem = { title: 'Invalid', findings: [{ severity: 'error', code: 'pga.unknown-permit', message: 'Permit X unknown', path: '/x' }] };
    expect(interpret(answer(422, problem), 'abc')).toMatchObject({ kind: 'refused', findings: problem.findings });
  });
});

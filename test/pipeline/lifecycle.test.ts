import { describe, expect, it } from 'vitest';
import { exchangeStatusFrom } from '../../src/pipeline/lifecycle.js';
import type { DeliveryStatus } from '../../src/store/exchange-tables.js';

const d = (status: DeliveryStatus, receiptStatus?: string) => ({
  status,
  receipt: receiptStatus ? JSON.stringify({ status: receiptStatus, receivedSha256: 'x' }) : null,
});

describe('exchangeStatusFrom', () => {
  it('stays routed while any delivery is under way', () => {
    expect(exchangeStatusFrom([d('acknowledged', 'accepted'), d('queued')])).toBe('routed');
    expect(exchangeStatusFrom([d('retrying'), d('in-flight')])).toBe('routed');
    expect(exchangeStatusFrom([d('delivered')])).toBe('routed');
  });

  it('is delivered once every destination accepted', () => {
    expect(exchangeStatusFrom([d('acknowledged', 'accepted'), d('acknowledged', 'accepted')])).toBe('delivered');
  });

  it('is delivered-with-warnings when any acceptance carried warnings', () => {
    expect(exchangeStatusFrom([d('acknowledged', 'accepted'), d('acknowledged', 'accepted-with-warnings')])).toBe('delivered-with-warnings');
  });

  it('is rejected when a destination refused, and failed when a delivery gave up, whatever the others did', () => {
    expect(exchangeStatusFrom([d('acknowledged', 'accepted'), d('rejected', 'rejected')])).toBe('rejected');
    expect(exchangeStatusFrom([d('failed'), d('rejected', 'rejected'), d('acknowledged', 'accepted')])).toBe('failed');
  });

  it('is not final while a sibling delivery is still retrying, even after one failed', () => {
    expect(exchangeStatusFrom([d('failed'), d('retrying')])).toBe('routed');
  });
});

import { describe, expect, it } from 'vitest';
import { deliveryOfMessageId, messageIdOf } from '../../src/pipeline/vocabulary.js';

describe("a delivery's message id", () => {
  it('is <exchangeId>.<destination>, and names that delivery again', () => {
    const delivery = { exchangeId: '01JDXR7Q4V8E2M9K3T6W5Y1Z0A', destination: 'pga-plant' };
    expect(messageIdOf(delivery)).toBe('01JDXR7Q4V8E2M9K3T6W5Y1Z0A.pga-plant');
    expect(deliveryOfMessageId(messageIdOf(delivery))).toEqual(delivery);
  });

  it('splits at the last dot: a participant id holds none', () => {
    expect(deliveryOfMessageId('a.b.customs')).toEqual({ exchangeId: 'a.b', destination: 'customs' });
  });

  it('names no delivery when either part is missing', () => {
    for (const given of ['', 'customs', '.customs', '01JDXR7Q4V8E2M9K3T6W5Y1Z0A.', '.']) expect(deliveryOfMessageId(given)).toBeUndefined();
  });
});

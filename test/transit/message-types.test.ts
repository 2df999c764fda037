import { describe, expect, it } from 'vitest';
import { CTC_MESSAGE_TYPES, TRADER_MESSAGE_TYPES, type TraderMessageType, ieName, isCtcMessageType } from '../../src/transit/message-types.js';
import { ctcSchemas } from '../../src/transit/validate.js';

describe('CTC message types', () => {
  it('are exactly the root elements the XSDs declare', () => {
    expect([...ctcSchemas().rootNames()].sort()).toEqual([...CTC_MESSAGE_TYPES].sort());
  });

  it('are listed as the CTC Traders API lists them (IE015 …) and recognised by name only', () => {
    expect(ieName('CC015C')).toBe('IE015');
    expect(ieName('CC928C')).toBe('IE928');
    expect(isCtcMessageType('CC015C')).toBe(true);
    for (const name of ['CC999C', 'cc015c', '__proto__', 'toString', '']) expect(isCtcMessageType(name), name).toBe(false);
  });

  it('a trader sends departures, amendments, invalidation requests, presentations, arrivals and unloading remarks', () => {
    const sent: TraderMessageType[] = ['CC015C', 'CC013C', 'CC014C', 'CC170C', 'CC007C', 'CC044C'];
    expect([...TRADER_MESSAGE_TYPES].sort()).toEqual(sent.sort());
  });
});

import { describe, expect, it } from 'vitest';
import type { ActingFor, Participant } from '../../src/config/types.js';
import type { DeclarationParty } from '../../src/lpco/citations.js';
import { actsForIds, partyFindings, refuseForeignParties } from '../../src/pipeline/acting-for.js';
import { rejectionOf } from '../support/rejections.js';

const sender = (actsFor: ActingFor[], kind: Participant['kind'] = 'trader'): Participant => ({
  id: 'broker',
  kind,
  name: 'Broker',
  apiKeySha256: [],
  certificateFingerprints: [],
  operator: false,
  actsFor,
  issues: [],
});
const party = (role: DeclarationParty['role'], id: string, functionCode?: string): DeclarationParty => ({
  role,
  id,
  ...(functionCode ? { functionCode } : {}),
  path: `/Declaration/${role}/ID`,
});

describe('who may lodge for whom', () => {
  it('lets a participant lodge in the name of the traders it acts for as declarant', () => {
    const self = sender([{ id: 'GB1', as: 'declarant' }]);
    expect(partyFindings(self, [party('Declarant', 'GB1'), party('Importer', 'GB1')])).toEqual([]);
    expect(actsForIds(self)).toEqual(['GB1']);
  });

  it('refuses every party it does not act for, naming it', () => {
    const findings = partyFindings(sender([{ id: 'GB1', as: 'declarant' }]), [party('Declarant', 'GB1'), party('Exporter', 'GB2'), party('Agent', 'GB3', '2')]);
    expect(findings.map((f) => [f.code, f.message, f.path])).toEqual([
      ['party.not-acted-for', 'broker does not act for Exporter GB2', '/Declaration/Exporter/ID'],
      ['party.not-acted-for', 'broker does not act for Agent GB3', '/Declaration/Agent/ID'],
    ]);
  });

  it('lets a representative lodge for its principal only when the declaration states the representation', () => {
    const broker = sender([
      { id: 'GB9', as: 'declarant' },
      { id: 'GB1', as: 'representative' },
    ]);
    const unstated = partyFindings(broker, [party('Declarant', 'GB9'), party('Importer', 'GB1')]);
    expect(unstated.map((f) => [f.code, f.path])).toEqual([['party.representation-not-stated', '/Declaration/Importer/ID']]);
    expect(partyFindings(broker, [party('Declarant', 'GB9'), party('Agent', 'GB9', '3'), party('Importer', 'GB1')])).toEqual([]);
    expect(partyFindings(broker, [party('Declarant', 'GB1'), party('Agent', 'GB9', '2')])).toEqual([]);
    // FunctionCode 1 is not representation.
    expect(partyFindings(broker, [party('Agent', 'GB9', '1'), party('Importer', 'GB1')]).map((f) => f.code)).toEqual(['party.representation-not-stated']);
  });

  it('refuses a declaration that names nobody, and refuses with 403', () => {
    expect(partyFindings(sender([]), []).map((f) => f.code)).toEqual(['party.none']);
    const err = rejectionOf(() => refuseForeignParties(sender([]), [party('Declarant', 'GB1')]));
    expect([err.status, err.findings[0]?.code]).toEqual([403, 'party.not-acted-for']);
  });

  it('does not check the parties of what administrations relay (their citations still are)', () => {
    for (const kind of ['customs', 'partner-customs', 'pga'] as const) expect(partyFindings(sender([], kind), [party('Declarant', 'GB1')])).toEqual([]);
    for (const kind of ['platform', 'post', 'express'] as const) expect(partyFindings(sender([], kind), [party('Declarant', 'GB1')])).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../src/config/types.js';
import { loadMappings, type MappingCatalogue } from '../../src/mapping/catalogue.js';
import { tryRouting } from '../../src/pipeline/try-routing.js';
import { rejected } from '../support/rejections.js';
import { agreementFor, participant } from './support.js';

const IM036A = readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM036a__TT_IM036a.xml');
const broker = participant('broker-a', { actsFor: [{ id: 'XI553202734852', as: 'declarant' }] });
const operator = participant('customs', { kind: 'customs', operator: true });

const toCustoms: Agreement = { ...agreementFor('declaration', 'customs'), when: { documentKinds: ['declaration'], senderKinds: ['trader'] } };
const toPlants: Agreement = { ...agreementFor('declaration', 'pga-plant'), when: { documentKinds: ['declaration'], hsChapters: ['06'] }, transport: 'as4' };
const fromPgas: Agreement = { ...agreementFor('declaration', 'pga-food'), when: { documentKinds: ['declaration'], senderKinds: ['pga'] } };

describe('tryRouting: where a document would go, and why, with nothing stored', () => {
  let mappings: MappingCatalogue;
  beforeAll(async () => {
    mappings = await loadMappings('mappings');
  });
  const deps = () => ({ agreements: [toCustoms, toPlants, fromPgas], mappings, validation: {} });

  it('shows an operator every agreement, matched or not, with the reasons and the transport', async () => {
    const result = await tryRouting(deps(), operator, broker, 'declaration', IM036A, 'wco-xml');
    expect(result.deliveries.map((d) => d.agreement)).toContain(toCustoms.id);
    expect(result.deliveries.every((d) => d.transport !== undefined)).toBe(true);
    expect(result.notMatched.map((n) => n.agreement)).toContain(fromPgas.id);
    expect(result.notMatched.find((n) => n.agreement === fromPgas.id)?.because.join(' ')).toMatch(/pga/);
  });

  it('shows any other participant only the agreements it may send under, and no transport', async () => {
    const result = await tryRouting(deps(), broker, broker, 'declaration', IM036A, 'wco-xml');
    expect(result.deliveries.map((d) => d.agreement)).toContain(toCustoms.id);
    expect(result.deliveries.some((d) => 'transport' in d)).toBe(false);
    expect(result.notMatched.map((n) => n.agreement)).not.toContain(fromPgas.id);
  });

  it('refuses a document no agreement routes with 422, as lodging does', async () => {
    const refusal = await rejected(tryRouting({ ...deps(), agreements: [fromPgas] }, operator, broker, 'declaration', IM036A, 'wco-xml'));
    expect(refusal.status).toBe(422);
    expect(refusal.findings[0]?.code).toBe('routing.no-agreement');
  });

  it('refuses what the reader refuses: a document that is no XML is a 400', async () => {
    const refusal = await rejected(tryRouting(deps(), operator, broker, 'declaration', Buffer.from('<not-xml'), 'wco-xml'));
    expect(refusal.status).toBe(400);
  });
});

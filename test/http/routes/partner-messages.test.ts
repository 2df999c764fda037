import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcoXmlToJson } from '../../../src/documents/wco/codec.js';
import type { EnvelopeHeader } from '../../../src/trust/envelope.js';
import { signJsonEnvelope } from '../../../src/trust/json-envelope.js';
import { sandboxPaths } from '../../../src/trust/pki/sandbox-ca.js';
import { loadSigningKey } from '../../../src/trust/pki/signing-key.js';
import { sandboxTrustStore } from '../../../src/trust/pki/trust-config.js';
import { receivedDigest, verifyReceipt } from '../../../src/trust/receipt.js';
import { databaseKinds } from '../../support/databases.js';
import { partnerEnvelopeHeader } from '../../support/envelopes.js';
import { sample, startTestGateway, TEST_PKI_DIR, type TestGateway } from '../../support/gateway.js';
import { mutualRecognitionIn } from '../../../src/risk/mutual-recognition.js';
import { writeInBatch } from '../../../src/store/write-batches.js';

const asPartner = { authorization: 'Bearer sandbox-partner-xb' };

interface Problem {
  findings: Array<{ code: string; path: string }>;
}

describe.each(await databaseKinds())('POST /v1/partner-messages: a partner customs under a mutual recognition arrangement (%s)', (kind) => {
  let t: TestGateway;
  let keyOf: (id: string) => ReturnType<typeof loadSigningKey>;
  let exportExchangeId: string;
  beforeAll(async () => {
    t = await startTestGateway(kind);
    const pki = sandboxPaths(TEST_PKI_DIR, ['partner-xb', 'pga-plant', 'trader-demo', 'gateway']);
    keyOf = (id) => loadSigningKey(pki.entities[id]!.ecdsa);
    // "My export as your import": the partner's export reached this gateway as an envelope.
    const jws = await signJsonEnvelope(
      { header: partnerEnvelopeHeader('export-1'), payload: wcoXmlToJson(sample('import/TT_IM036a__TT_IM036a.xml')).json },
      keyOf('partner-xb'),
    );
    const res = await fetch(`${t.url}/v1/inbound`, { method: 'POST', headers: { ...asPartner, 'content-type': 'application/jose' }, body: jws });
    expect(res.status).toBe(202);
    exportExchangeId = ((await res.json()) as { exchangeId: string }).exchangeId;
  }, 60_000);
  afterAll(async () => t?.stop());

  const message = (messageId: string, documentKind: string, payload: unknown, signer = 'partner-xb', overrides: Partial<EnvelopeHeader> = {}) =>
    signJsonEnvelope({ header: partnerEnvelopeHeader(messageId, { documentKind, ...overrides }), payload }, keyOf(signer));
  const send = (body: string, headers: Record<string, string> = asPartner, type = 'application/jose') =>
    fetch(`${t.url}/v1/partner-messages`, { method: 'POST', headers: { ...headers, 'content-type': type }, body });
  const recognition = () => mutualRecognitionIn({ participants: t.gateway.config.participants, mutualRecognition: t.gateway.config.mutualRecognition });
  const stored = () =>
    Promise.all([...['partner_messages', 'partner_controls', 'aeo_authorisation_versions'].map((table) => t.rowCount(table)), t.recordsOfNoExchange()]);

  it('takes a control result of the partner’s export: found by the MRN and by the exchange that carried it, logged, answered with a signed receipt', async () => {
    const body = await message('ctl-1', 'control-result', {
      export: { mrn: '26XB00000000000017', exchangeId: exportExchangeId },
      outcome: 'discrepancy',
      findings: [{ code: 'VAL', text: 'undervalued' }],
      controlledAt: '2026-12-01T09:30:00+01:00',
    });
    const res = await send(body);
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { controlId: string; kind: string; replayed: boolean; receipt: string };
    expect(answer).toMatchObject({ messageId: 'ctl-1', kind: 'control-result', replayed: false });
    const receipt = await verifyReceipt(answer.receipt, sandboxTrustStore(sandboxPaths(TEST_PKI_DIR, ['gateway']), 'gateway'), receivedDigest(body));
    expect(receipt).toMatchObject({ messageId: 'ctl-1', to: 'partner-xb', status: 'accepted' });

    const found = await writeInBatch(t.gateway.store, (trx) => recognition().partnerControls(trx, ['26XB00000000000017', exportExchangeId, 'other']));
    expect(Object.fromEntries(found)).toEqual({ '26XB00000000000017': 'discrepancy', [exportExchangeId]: 'discrepancy' });

    // Sent again: answered as before, nothing written twice; the same MessageId with other content is a conflict.
    const before = await stored();
    const again = (await (await send(body)).json()) as { controlId: string; replayed: boolean };
    expect(again).toMatchObject({ controlId: answer.controlId, replayed: true });
    const other = await message('ctl-1', 'control-result', {
      export: { mrn: '26XB00000000000017' },
      outcome: 'compliant',
      controlledAt: '2026-12-01T10:00:00Z',
    });
    expect((await send(other)).status).toBe(409);
    expect(await stored()).toEqual(before);
  });

  it('takes AEO statuses of its own operators: a suspension stops counting for the next declaration', async () => {
    const grant = await message('aeo-1', 'aeo-status', {
      authorisations: [{ operatorId: 'XB000000000042', status: 'granted', type: 'AEOS', validFrom: '2025-03-01' }],
    });
    const res = await send(grant);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { authorisations: unknown[] }).authorisations).toEqual([
      expect.objectContaining({ operatorId: 'XB000000000042', authority: 'partner-xb', version: 1, status: 'granted' }),
    ]);
    const holders = () => writeInBatch(t.gateway.store, (trx) => recognition().aeoHolders(trx, ['XB000000000042'], new Date()));
    expect([...(await holders())]).toEqual(['XB000000000042']);
    const suspend = await message('aeo-2', 'aeo-status', {
      authorisations: [{ operatorId: 'XB000000000042', status: 'suspended', type: 'AEOS', validFrom: '2025-03-01' }],
    });
    expect((await send(suspend)).status).toBe(201);
    expect([...(await holders())]).toEqual([]);
    // Customs sees the partner's word beside its own register.
    const view = (await (await fetch(`${t.url}/v1/aeo/authorisations/XB000000000042`, { headers: { authorization: 'Bearer sandbox-customs' } })).json()) as {
      partners: Array<{ authority: string; status: string }>;
    };
    expect(view.partners).toEqual([expect.objectContaining({ authority: 'partner-xb', status: 'suspended' })]);
  });

  it('refuses, storing nothing: a bad signature, a key not the partner’s, a sender that is not a partner customs, an operator of another country, a foreign export', async () => {
    const before = await stored();
    const good = await message('bad-sig', 'control-result', {
      export: { mrn: '26XB00000000000017' },
      outcome: 'compliant',
      controlledAt: '2026-12-01T10:00:00Z',
    });
    const [h, p, s] = good.split('.');
    const flipped = `${h}.${p}.${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    const badSignature = await send(flipped);
    expect(badSignature.status).toBe(401);
    expect(badSignature.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await badSignature.json()) as Problem).findings[0]?.code).toBe('jws.signature-invalid');

    const otherKey = await send(
      await message(
        'other-key',
        'control-result',
        { export: { mrn: '26XB00000000000017' }, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' },
        'pga-plant',
      ),
    );
    expect(otherKey.status).toBe(401);
    expect(((await otherKey.json()) as Problem).findings[0]?.code).toBe('trust.certificate-not-bound-to-sender');

    for (const participant of ['trader-demo', 'pga-plant', 'customs']) {
      const res = await send(good, { authorization: `Bearer sandbox-${participant}` });
      expect(res.status, participant).toBe(403);
      expect(((await res.json()) as Problem).findings[0]?.code).toBe('recognition.not-a-partner');
    }

    // Another country's export: partner-xb cannot set partnerControl on an MRN of XA's (or of another partner's).
    const foreignExport = await send(
      await message('foreign-mrn', 'control-result', { export: { mrn: '26XA00000000000099' }, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' }),
    );
    expect(foreignExport.status).toBe(403);
    expect(((await foreignExport.json()) as Problem).findings.map((f) => [f.code, f.path])).toEqual([['recognition.export-outside-country', '/export/mrn']]);

    const foreign = await send(
      await message('foreign-op', 'aeo-status', {
        authorisations: [
          { operatorId: 'XB000000000043', status: 'granted', type: 'AEOF', validFrom: '2026-01-01' },
          { operatorId: 'XA000000000001', status: 'granted', type: 'AEOF', validFrom: '2026-01-01' },
        ],
      }),
    );
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as Problem).findings).toEqual([
      expect.objectContaining({ code: 'recognition.operator-outside-country', path: '/authorisations/1/operatorId' }),
    ]);

    const notItsExport = await send(
      await message('not-its-export', 'control-result', {
        export: { exchangeId: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
        outcome: 'compliant',
        controlledAt: '2026-12-01T10:00:00Z',
      }),
    );
    expect(notItsExport.status).toBe(422);
    expect(((await notItsExport.json()) as Problem).findings[0]?.code).toBe('recognition.export-not-yours');

    const stale = await send(
      await message(
        'stale',
        'control-result',
        { export: { mrn: '26XB00000000000017' }, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' },
        'partner-xb',
        {
          createdAt: '2020-01-01T00:00:00Z',
        },
      ),
    );
    expect(((await stale.json()) as Problem).findings[0]?.code).toBe('envelope.outside-window');
    const xml = await send('<Envelope/>', asPartner, 'application/xml');
    expect(xml.status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('refuses hostile payloads with findings that point at the fault', async () => {
    const before = await stored();
    const cases: Array<[string, string, unknown, string]> = [
      ['no reference', 'control-result', { export: {}, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' }, '/export'],
      ['an LRN alone', 'control-result', { export: { lrn: 'LRN-1' }, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' }, '/export'],
      [
        'a result dated ahead',
        'control-result',
        { export: { mrn: '26XB00000000000017' }, outcome: 'compliant', controlledAt: '2099-01-01T00:00:00Z' },
        '/controlledAt',
      ],
      ['unknown outcome', 'control-result', { export: { mrn: 'X' }, outcome: 'fine', controlledAt: '2026-12-01T10:00:00Z' }, '/outcome'],
      ['a time that does not exist', 'control-result', { export: { mrn: 'X' }, outcome: 'compliant', controlledAt: '2026-02-31T25:00:00Z' }, '/controlledAt'],
      [
        'a reference too long',
        'control-result',
        { export: { mrn: 'X'.repeat(71) }, outcome: 'compliant', controlledAt: '2026-12-01T10:00:00Z' },
        '/export/mrn',
      ],
      [
        'too many findings',
        'control-result',
        {
          export: { mrn: 'X' },
          outcome: 'compliant',
          controlledAt: '2026-12-01T10:00:00Z',
          findings: Array.from({ length: 51 }, () => ({ code: 'A', text: 'b' })),
        },
        '/findings',
      ],
      [
        'too many statements',
        'aeo-status',
        { authorisations: Array.from({ length: 101 }, (_, i) => ({ operatorId: `XB${i}`, status: 'granted', type: 'AEOF', validFrom: '2026-01-01' })) },
        '/authorisations',
      ],
      [
        'unknown status',
        'aeo-status',
        { authorisations: [{ operatorId: 'XB1', status: 'blessed', type: 'AEOF', validFrom: '2026-01-01' }] },
        '/authorisations/0/status',
      ],
      [
        'a date that does not exist',
        'aeo-status',
        { authorisations: [{ operatorId: 'XB1', status: 'granted', type: 'AEOF', validFrom: '2026-02-30' }] },
        '/authorisations/0/validFrom',
      ],
      [
        'ends before it starts',
        'aeo-status',
        { authorisations: [{ operatorId: 'XB1', status: 'granted', type: 'AEOF', validFrom: '2026-01-02', validTo: '2026-01-01' }] },
        '/authorisations/0/validTo',
      ],
      ['an unknown kind', 'declaration-of-love', { hello: 1 }, '/header/documentKind'],
    ];
    for (const [what, kindOf, payload, path] of cases) {
      const res = await send(await message(`hostile-${what.replaceAll(' ', '-')}`, kindOf, payload));
      expect(res.status, what).toBe(422);
      expect(
        ((await res.json()) as Problem).findings.map((f) => f.path),
        what,
      ).toContain(path);
    }
    expect(await stored()).toEqual(before);
  });
});

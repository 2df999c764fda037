import { sandboxConfigWith } from '../support/sandbox-config.js';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

const PROFILE = { metadata: 'urn:partner-yy:metadata:1', declaration: 'urn:partner-yy:declaration:1' };
const asYy = { authorization: 'Bearer sandbox-partner-yy', 'content-type': 'application/xml' };

/** The sandbox, plus a partner whose profile names its own WCO DM namespace URIs. */
function configWithProfile(): string {
  const key = createHash('sha256').update('sandbox-partner-yy').digest('hex');
  return sandboxConfigWith((yaml) =>
    yaml.replace(
      '# The sandbox gives up',
      `  - id: partner-yy\n    kind: partner-customs\n    name: Partner with its own namespaces\n    apiKeySha256: [${key}]\n    wcoNamespaces: { metadata: "${PROFILE.metadata}", declaration: "${PROFILE.declaration}" }\n\n# The sandbox gives up`,
    ),
  );
}

describe('namespace URIs per partner profile come from configuration', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway('sqlite', { SWGATE_CONFIG: configWithProfile() });
  });
  afterAll(async () => t?.stop());

  const published = sample('import/TT_IM036a__TT_IM036a.xml').toString('utf8');
  const inProfile = published
    .replaceAll('urn:wco:datamodel:WCO:DocumentMetaData-DMS:2', PROFILE.metadata)
    .replaceAll('urn:wco:datamodel:WCO:DEC-DMS:2', PROFILE.declaration);

  it("reads a partner's declaration in its own namespaces and hands customs the published DMS ones", async () => {
    const res = await fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: asYy, body: inProfile });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    const exchange = await waitFor(
      async () => (await (await fetch(`${t.url}/v1/exchanges/${exchangeId}`, { headers: asYy })).json()) as { status: string },
      (e) => e.status === 'delivered',
    );
    expect(exchange.status).toBe('delivered');
    const envelope = await (await fetch(`${t.url}/v1/exchanges/${exchangeId}/documents/to-customs`, { headers: asYy })).text();
    const forCustoms = Buffer.from(/<swg:Payload[^>]*>([^<]*)</.exec(envelope)?.[1] ?? '', 'base64').toString('utf8');
    // Every element is rewritten in the published namespaces; xsi:schemaLocation is data and kept as sent.
    expect(forCustoms).toMatch(/xmlns(:\w+)?="urn:wco:datamodel:WCO:DEC-DMS:2"/);
    expect(forCustoms).not.toMatch(/xmlns(:\w+)?="urn:partner-yy/);
  });

  it('refuses from that partner a declaration in namespaces its profile does not use', async () => {
    const res = await fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: asYy, body: published });
    expect(res.status).toBe(422);
  });
});

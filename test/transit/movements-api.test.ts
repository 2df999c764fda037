/**
 * Transit movements through a real sandbox gateway over loopback: every test-pack movement
 * lodged, answered by the simulated offices with schema-valid messages and walked to write-off;
 * the scenarios; refusals with their NCTS error pointers; who may read what.
 */
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { MovementTables } from '../../src/transit/movement-tables.js';
import { isValidMrn } from '../../src/transit/references.js';
import { validateCtcMessage } from '../../src/transit/validate.js';
import { useTestGateway, waitFor } from '../support/gateway.js';
import { fillTemplate, PACK_MESSAGES, xmllintVerdicts } from './test-pack.js';

const TRADER = 'sandbox-trader-demo';
const OTHER = 'sandbox-platform-demo';
const CUSTOMS = 'sandbox-customs';

const packMessage = (scenario: string, ie: string) => {
  const found = PACK_MESSAGES.find((m) => m.scenario === scenario && m.ie === ie);
  if (!found) throw new Error(`no ${scenario} ${ie} in the test pack`);
  return found.template;
};

interface Answer {
  status: number;
  body: Record<string, unknown> & { findings?: Array<Record<string, string>> };
  text: string;
}

describe('transit movements over the API (sandbox)', () => {
  const gw = useTestGateway();

  async function call(method: string, path: string, key = TRADER, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${gw.t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/xml' } : {}), ...headers },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {}
    return { status: response.status, body: parsed, text };
  }

  const movement = async (kind: 'departures' | 'arrivals', id: string, key = TRADER) => (await call('GET', `/v1/movements/${kind}/${id}`, key)).body;
  const types = async (kind: 'departures' | 'arrivals', id: string, key = TRADER) =>
    ((await call('GET', `/v1/movements/${kind}/${id}/messages`, key)).body.messages as Array<{ type: string }>).map((m) => m.type);
  const untilState = (kind: 'departures' | 'arrivals', id: string, state: string) =>
    waitFor(
      () => movement(kind, id),
      (m) => m.state === state,
      5000,
    );

  async function depart(scenario: string, headers: Record<string, string> = {}): Promise<{ id: string; lrn: string }> {
    const lrn = `SWG${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6)}`.slice(0, 22);
    const answer = await call('POST', '/v1/movements/departures', TRADER, fillTemplate(packMessage(scenario, 'ie015'), { lrn }), headers);
    expect(answer.status, answer.text).toBe(202);
    return { id: answer.body.id as string, lrn };
  }

  it('answers a standard departure with CC928C, CC028C (a phase-5 MRN) and CC029C, each schema-valid (bench/transit.ts times it)', async () => {
    const { id, lrn } = await depart('dngb12');
    const released = await untilState('departures', id, 'released');
    expect(released.state).toBe('released');
    expect(released.localReferenceNumber).toBe(lrn);
    expect(isValidMrn(released.movementReferenceNumber as string)).toBe(true);
    const list = (await call('GET', `/v1/movements/departures/${id}/messages`)).body.messages as Array<{ id: string; type: string; received: string }>;
    expect(list.map((m) => m.type)).toEqual(['IE015', 'IE928', 'IE028', 'IE029']);
    const answers = await Promise.all(list.slice(1).map(async (m) => (await call('GET', `/v1/movements/departures/${id}/messages/${m.id}`)).text));
    for (const [i, xml] of answers.entries()) {
      const checked = validateCtcMessage(xml);
      expect(checked.findings).toEqual([]);
      expect(checked.type).toBe(`CC${list[i + 1]!.type.slice(2)}C`);
    }
    expect(xmllintVerdicts('CC029C', [answers[2]!])).toEqual([true]);
  });

  it('walks every test-pack movement to write-off: departure, arrival (normal or authorised consignee), unloading remarks', async () => {
    const movements = [...new Set(PACK_MESSAGES.filter((m) => m.ie === 'ie007').map((m) => m.scenario))];
    expect(movements.length).toBeGreaterThanOrEqual(8);
    for (const scenario of movements) {
      const { id } = await depart(scenario);
      const released = await untilState('departures', id, 'released');
      expect(released.state, scenario).toBe('released');
      const mrn = released.movementReferenceNumber as string;
      const arrival = await call('POST', '/v1/movements/arrivals', TRADER, fillTemplate(packMessage(scenario, 'ie007'), { mrn }));
      expect(arrival.status, `${scenario}: ${arrival.text}`).toBe(202);
      const arrivalId = arrival.body.id as string;
      const hasRemarks = PACK_MESSAGES.some((m) => m.scenario === scenario && m.ie === 'ie044');
      if (hasRemarks) {
        await untilState('arrivals', arrivalId, 'unloading-permitted');
        expect(await types('arrivals', arrivalId)).toEqual(['IE007', 'IE043']);
        const remarks = await call('POST', `/v1/movements/arrivals/${arrivalId}/messages`, TRADER, fillTemplate(packMessage(scenario, 'ie044'), { mrn }));
        expect(remarks.status, remarks.text).toBe(202);
      }
      expect((await untilState('arrivals', arrivalId, 'goods-released')).state, scenario).toBe('goods-released');
      expect((await untilState('departures', id, 'written-off')).state, scenario).toBe('written-off');
      expect(await types('departures', id)).toEqual(['IE015', 'IE928', 'IE028', 'IE029', 'IE045']);
      // Customs sees the offices' messages as well: the arrival advice and control results from destination.
      expect(await types('departures', id, CUSTOMS)).toEqual(['IE015', 'IE928', 'IE028', 'IE029', 'IE006', 'IE018', 'IE045']);
    }
  });

  it('holds a pre-lodged declaration (D) after CC928C until its CC170C presentation notification, then allocates and releases', async () => {
    for (const scenario of ['pngb5', 'psgb5', 'pnxi5', 'psxi5']) {
      const { id, lrn } = await depart(scenario);
      await untilState('departures', id, 'accepted');
      await new Promise((r) => setTimeout(r, 300));
      expect((await movement('departures', id)).state).toBe('accepted');
      const presented = await call('POST', `/v1/movements/departures/${id}/messages`, TRADER, fillTemplate(packMessage(scenario, 'ie170'), { lrn }));
      expect(presented.status, presented.text).toBe(202);
      expect((await untilState('departures', id, 'released')).state).toBe('released');
      expect(await types('departures', id)).toEqual(['IE015', 'IE928', 'IE170', 'IE028', 'IE029']);
    }
  });

  it("releases the declaration as amended: the guarantee reserved is the CC013C's, not the CC015C's", async () => {
    const { id, lrn } = await depart('pngb5');
    await untilState('departures', id, 'accepted');
    // More than the sandbox covers for any GRN (1,000,000.00): the CC015C's 1,000.00 would be released.
    const amendment = fillTemplate(packMessage('pngb5', 'ie015'), { lrn })
      .replaceAll('CC015C', 'CC013C')
      .replace('</bindingItinerary>', '</bindingItinerary><amendmentTypeFlag>0</amendmentTypeFlag>')
      .replace('<amountToBeCovered>1000.00</amountToBeCovered>', '<amountToBeCovered>1000001.00</amountToBeCovered>');
    const amended = await call('POST', `/v1/movements/departures/${id}/messages`, TRADER, amendment);
    expect(amended.status, amended.text).toBe(202);
    await waitFor(
      () => types('departures', id),
      (t) => t.includes('IE004'),
      3000,
    );
    const presented = await call('POST', `/v1/movements/departures/${id}/messages`, TRADER, fillTemplate(packMessage('pngb5', 'ie170'), { lrn }));
    expect(presented.status, presented.text).toBe(202);
    expect((await untilState('departures', id, 'guarantee-not-valid')).state).toBe('guarantee-not-valid');
    expect(await types('departures', id)).toEqual(['IE015', 'IE928', 'IE013', 'IE004', 'IE170', 'IE028', 'IE055']);
  });

  it('follows X-Sandbox-Scenario: control, reject, no-release, hold', async () => {
    const control = await depart('dngb12', { 'x-sandbox-scenario': 'control' });
    await untilState('departures', control.id, 'released');
    expect(await types('departures', control.id)).toEqual(['IE015', 'IE928', 'IE028', 'IE060', 'IE029']);

    const reject = await depart('dngb12', { 'x-sandbox-scenario': 'reject' });
    await untilState('departures', reject.id, 'rejected');
    expect(await types('departures', reject.id)).toEqual(['IE015', 'IE056']);

    const noRelease = await depart('dngb12', { 'x-sandbox-scenario': 'no-release' });
    await untilState('departures', noRelease.id, 'not-released');
    expect(await types('departures', noRelease.id)).toEqual(['IE015', 'IE928', 'IE028', 'IE051']);

    const hold = await depart('dngb12', { 'x-sandbox-scenario': 'hold' });
    const held = await untilState('departures', hold.id, 'mrn-allocated');
    const amendment = fillTemplate(packMessage('dngb12', 'ie015'), { lrn: hold.lrn })
      .replaceAll('CC015C', 'CC013C')
      .replace('</bindingItinerary>', '</bindingItinerary><amendmentTypeFlag>0</amendmentTypeFlag>');
    const amended = await call('POST', `/v1/movements/departures/${hold.id}/messages`, TRADER, amendment);
    expect(amended.status, amended.text).toBe(202);
    await waitFor(
      () => types('departures', hold.id),
      (t) => t.includes('IE004'),
      3000,
    );
    expect(held.movementReferenceNumber).toBeTruthy();
    const invalidated = await call('POST', `/v1/movements/departures/${hold.id}/messages`, TRADER, invalidation(hold.lrn));
    expect(invalidated.status, invalidated.text).toBe(202);
    await untilState('departures', hold.id, 'invalidated');
    expect(await types('departures', hold.id)).toEqual(['IE015', 'IE928', 'IE028', 'IE013', 'IE004', 'IE014', 'IE009']);
    // Invalidated: nothing more is taken.
    const late = await call('POST', `/v1/movements/departures/${hold.id}/messages`, TRADER, invalidation(hold.lrn));
    expect(late.status).toBe(400);
    expect(late.body.findings?.[0]).toMatchObject({ code: 'transit.out-of-state', errorPointer: '/CC014C', errorCode: '92' });
  });

  it('refuses a message out of sequence (400, errorPointer and code 92) and stores nothing of it', async () => {
    const { id, lrn } = await depart('dngb12');
    await untilState('departures', id, 'released');
    const exchanges = await gw.t.exchangeCount();
    // A presentation notification for a declaration that was not pre-lodged; an invalidation after release.
    const presented = await call('POST', `/v1/movements/departures/${id}/messages`, TRADER, fillTemplate(packMessage('pngb5', 'ie170'), { lrn }));
    expect(presented.status, presented.text).toBe(400);
    expect(presented.body.findings?.[0]).toMatchObject({ code: 'transit.out-of-state', errorPointer: '/CC170C', errorCode: '92' });
    const invalidated = await call('POST', `/v1/movements/departures/${id}/messages`, TRADER, invalidation(lrn));
    expect(invalidated.status).toBe(400);
    expect(await gw.t.exchangeCount()).toBe(exchanges);
    expect(await types('departures', id)).toEqual(['IE015', 'IE928', 'IE028', 'IE029']);
  });

  it('refuses a message of another route (400), one that breaks its schema (422 with NCTS pointers), a duplicate LRN (422, code 26)', async () => {
    const arrivalOnDepartures = await call('POST', '/v1/movements/departures', TRADER, fillTemplate(packMessage('angb2', 'ie007')));
    expect(arrivalOnDepartures.status).toBe(400);
    const departureOnArrivals = await call('POST', '/v1/movements/arrivals', TRADER, fillTemplate(packMessage('dngb12', 'ie015')));
    expect(departureOnArrivals.status).toBe(400);

    const noLrn = fillTemplate(packMessage('dngb12', 'ie015')).replace(/<LRN>[^<]*<\/LRN>/, '');
    const missing = await call('POST', '/v1/movements/departures', TRADER, noLrn);
    expect(missing.status).toBe(422);
    expect(missing.body.findings?.[0]).toMatchObject({ errorPointer: '/CC015C/TransitOperation/LRN', errorCode: '13' });

    const { lrn } = await depart('dngb12');
    const again = await call('POST', '/v1/movements/departures', TRADER, fillTemplate(packMessage('dngb12', 'ie015'), { lrn }));
    expect(again.status).toBe(422);
    expect(again.body.findings?.[0]).toMatchObject({ code: 'transit.duplicate-lrn', errorPointer: '/CC015C/TransitOperation/LRN', errorCode: '26' });
  });

  it("keeps a movement its owner's: another participant gets 404 on every route, and cannot name its MRN in an arrival", async () => {
    const { id, lrn } = await depart('dngb12');
    const released = await untilState('departures', id, 'released');
    const [message] = (await call('GET', `/v1/movements/departures/${id}/messages`)).body.messages as Array<{ id: string }>;
    for (const path of [
      `/v1/movements/departures/${id}`,
      `/v1/movements/departures/${id}/messages`,
      `/v1/movements/departures/${id}/messages/${message!.id}`,
    ]) {
      expect((await call('GET', path, OTHER)).status, path).toBe(404);
    }
    expect((await call('GET', `/v1/movements/arrivals/${id}`)).status).toBe(404);
    const foreign = await call('POST', `/v1/movements/departures/${id}/messages`, OTHER, invalidation(lrn));
    expect(foreign.status).toBe(404);
    const list = (await call('GET', '/v1/movements/departures', OTHER)).body.movements as Array<{ id: string }>;
    expect(list.map((m) => m.id)).not.toContain(id);
    // An arrival naming another trader's MRN is answered as an unknown MRN, and leaves nothing.
    const arrival = await call(
      'POST',
      '/v1/movements/arrivals',
      OTHER,
      fillTemplate(packMessage('angb2', 'ie007'), { mrn: released.movementReferenceNumber as string }),
    );
    expect(arrival.status).toBe(422);
    expect(arrival.body.findings?.[0]).toMatchObject({ code: 'transit.mrn-unknown', errorPointer: '/CC007C/TransitOperation/MRN', errorCode: '90' });
    expect((await movement('departures', id)).state).toBe('released');
  });

  it('refuses hostile XML: entities, a DTD, a bomb, deep nesting, a huge body; and lists newest first, a page at a time', async () => {
    const body = fillTemplate(packMessage('dngb12', 'ie015'));
    const dtd = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${body.replace('<LRN>', '<LRN>&b;')}`;
    expect((await call('POST', '/v1/movements/departures', TRADER, dtd)).status).toBe(400);
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${body.replace('<LRN>', '<LRN>&e;')}`;
    expect((await call('POST', '/v1/movements/departures', TRADER, external)).status).toBe(400);
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`;
    expect((await call('POST', '/v1/movements/departures', TRADER, deep)).status).toBe(400);
    expect((await call('POST', '/v1/movements/departures', TRADER, 'not xml at all')).status).toBe(400);
    const huge = body.replace('<LRN>', `<!--${'x'.repeat(6 * 1024 * 1024)}--><LRN>`);
    expect((await call('POST', '/v1/movements/departures', TRADER, huge)).status).toBe(413);
    const json = await fetch(`${gw.t.url}/v1/movements/departures`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TRADER}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);

    const ids = [(await depart('dngb12')).id, (await depart('dngb12')).id, (await depart('dngb12')).id];
    const first = (await call('GET', '/v1/movements/departures?limit=2')).body;
    expect((first.movements as Array<{ id: string }>).map((m) => m.id)).toEqual([ids[2], ids[1]]);
    const next = (await call('GET', `/v1/movements/departures?limit=2&cursor=${first.nextCursor as string}`)).body;
    expect((next.movements as Array<{ id: string }>)[0]!.id).toBe(ids[0]);
  });

  it('answers a repeated Idempotency-Key with the same movement, and does not answer it twice; other content under it is 409', async () => {
    const body = fillTemplate(packMessage('dngb12', 'ie015'));
    const key = { 'idempotency-key': `idem-${Date.now()}` };
    const first = await call('POST', '/v1/movements/departures', TRADER, body, key);
    const again = await call('POST', '/v1/movements/departures', TRADER, body, key);
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: first.body.id, messageId: first.body.messageId, exchangeId: first.body.exchangeId, replayed: true });
    await untilState('departures', first.body.id as string, 'released');
    expect(await types('departures', first.body.id as string)).toEqual(['IE015', 'IE928', 'IE028', 'IE029']);
    const other = await call('POST', '/v1/movements/departures', TRADER, fillTemplate(packMessage('dngb12', 'ie015')), key);
    expect(other.status).toBe(409);
  });

  it('reserves guarantees at release: of two departures racing for the last of a GRN, exactly one is released, the other gets CC055C', async () => {
    // 26GB0000010000053 covers 5,000.00 GBP in the sandbox: two movements of 3,000.00 cannot both be released.
    const withGrn = (lrn: string) =>
      fillTemplate(packMessage('dngb12', 'ie015'), { lrn })
        .replace(/<GRN>[^<]*<\/GRN>/, '<GRN>26GB0000010000053</GRN>')
        .replace(/<amountToBeCovered>[^<]*<\/amountToBeCovered>/, '<amountToBeCovered>3000.00</amountToBeCovered>');
    const lrns = [`RACEA${Date.now()}`, `RACEB${Date.now()}`];
    const answers = await Promise.all(lrns.map((lrn) => call('POST', '/v1/movements/departures', TRADER, withGrn(lrn))));
    const ids = answers.map((a) => a.body.id as string);
    const states = await Promise.all(
      ids.map(
        async (id) =>
          (
            await waitFor(
              () => movement('departures', id),
              (m) => ['released', 'guarantee-not-valid'].includes(m.state as string),
              5000,
            )
          ).state,
      ),
    );
    expect([...states].sort()).toEqual(['guarantee-not-valid', 'released']);
    const refused = ids[states.indexOf('guarantee-not-valid')] ?? ids[1]!;
    expect(await types('departures', refused)).toEqual(['IE015', 'IE928', 'IE028', 'IE055']);
  });
});

describe('transit across borders and overdue movements (sandbox)', () => {
  const gw = useTestGateway();
  const get = async (path: string, key = TRADER) => {
    const response = await fetch(`${gw.t.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown>, response };
  };
  const post = async (path: string, body: string) =>
    fetch(`${gw.t.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TRADER}`, 'content-type': 'application/xml' }, body });
  const typesOf = async (id: string, key = TRADER) =>
    (await get(`/v1/movements/departures/${id}/messages`, key)).body.messages as Array<{ type: string; exchangeId: string }>;

  it("sends a movement bound for a partner's office as the anticipated arrival record, and the partner's arrival advice and control results write it off", async () => {
    const xml = fillTemplate(packMessage('dngb12', 'ie015')).replace(
      /<CustomsOfficeOfDestinationDeclared>\s*<referenceNumber>[^<]*</,
      '<CustomsOfficeOfDestinationDeclared><referenceNumber>XB000142<',
    );
    const lodged = await post('/v1/movements/departures', xml);
    expect(lodged.status).toBe(202);
    const { id } = (await lodged.json()) as { id: string };
    const done = await waitFor(
      async () => (await get(`/v1/movements/departures/${id}`)).body,
      (m) => m.state === 'written-off',
      8000,
    );
    expect(done.state).toBe('written-off');
    expect((await typesOf(id)).map((m) => m.type)).toEqual(['IE015', 'IE928', 'IE028', 'IE029', 'IE045']);
    const all = await typesOf(id, CUSTOMS);
    expect(all.map((m) => m.type)).toEqual(['IE015', 'IE928', 'IE028', 'IE029', 'IE001', 'IE006', 'IE018', 'IE045']);
    // The record went through the normal delivery path to partner-xb, signed, and the simulated partner took it.
    const record = all.find((m) => m.type === 'IE001')!;
    const exchange = await waitFor(
      async () => (await get(`/v1/exchanges/${record.exchangeId}`, CUSTOMS)).body,
      (e) => e.status === 'delivered',
      8000,
    );
    expect((exchange.deliveries as Array<{ destination: string }>).map((d) => d.destination)).toEqual(['partner-xb']);
    const received = (await get('/v1/sandbox/destinations/partner-xb/received', CUSTOMS)).body as unknown as
      | { deliveries?: Array<{ exchangeId: string }> }
      | Array<{ exchangeId: string }>;
    expect(JSON.stringify(received)).toContain(record.exchangeId);
    // The partner's word on another movement (one it was not sent) is an unknown MRN to it.
  });

  it('flags released departures past their time limit for an enquiry: GET /v1/movements/overdue (customs) and a metric', async () => {
    const lodged = await post('/v1/movements/departures', fillTemplate(packMessage('dngb12', 'ie015'), { lrn: `LATE${Date.now()}` }));
    const { id } = (await lodged.json()) as { id: string };
    await waitFor(
      async () => (await get(`/v1/movements/departures/${id}`)).body,
      (m) => m.state === 'released',
      5000,
    );
    const db = gw.t.gateway.store.db as unknown as Kysely<MovementTables>;
    await db.updateTable('transit_movements').set({ time_limit: '2020-01-01' }).where('id', '=', id).execute();
    expect((await get('/v1/movements/overdue')).status).toBe(403);
    const overdue = (await get('/v1/movements/overdue', CUSTOMS)).body.movements as Array<{ id: string; enquiry: string | null }>;
    const flagged = overdue.find((m) => m.id === id);
    expect(flagged?.enquiry).toBeTruthy();
    expect((await get(`/v1/movements/departures/${id}`)).body.enquiry).toBe(flagged?.enquiry);
    const metrics = await (await fetch(`${gw.t.url}/metrics`, { headers: { authorization: `Bearer ${CUSTOMS}` } })).text();
    expect(metrics).toMatch(/swgate_transit_overdue_movements [1-9]/);
    expect(metrics).toContain('swgate_transit_movements{kind="departure",state="released"}');
  });
});

/** A CC014C invalidation request for the LRN, as a trader sends it. */
function invalidation(lrn: string): string {
  const now = new Date().toISOString().slice(0, 19);
  return `<ncts:CC014C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">
  <messageSender>9999912345</messageSender><messageRecipient>NTA.GB</messageRecipient>
  <preparationDateAndTime>${now}</preparationDateAndTime><messageIdentification>INV${Date.now()}</messageIdentification><messageType>CC014C</messageType>
  <TransitOperation><LRN>${lrn}</LRN></TransitOperation>
  <Invalidation><requestDateAndTime>${now}</requestDateAndTime><initiatedByCustoms>0</initiatedByCustoms><justification>Lodged in error</justification></Invalidation>
  <CustomsOfficeOfDeparture><referenceNumber>GB000246</referenceNumber></CustomsOfficeOfDeparture>
  <HolderOfTheTransitProcedure><identificationNumber>GB953574106000</identificationNumber></HolderOfTheTransitProcedure>
</ncts:CC014C>`;
}

/**
 * Transit movements through a real sandbox gateway over loopback: every test-pack movement
 * lodged, answered by the simulated offices with schema-valid messages and walked to write-off;
 * the scenarios; refusals with their NCTS error pointers; who may read what.
 */
import { describe, expect, it } from 'vitest';
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

  it('answers a standard departure with CC928C, CC028C (a phase-5 MRN) and CC029C, each schema-valid, within two seconds', async () => {
    const started = Date.now();
    const { id, lrn } = await depart('dngb12');
    const released = await untilState('departures', id, 'released');
    expect(released.state).toBe('released');
    expect(Date.now() - started).toBeLessThan(2000);
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
    const amendment = fillTemplate(packMessage('dngb12', 'ie015'), { lrn: hold.lrn }).replaceAll('CC015C', 'CC013C');
    const amended = await call('POST', `/v1/movements/departures/${hold.id}/messages`, TRADER, amendment);
    expect(amended.status, amended.text).toBe(202);
    await waitFor(
      () => types('departures', hold.id),
      (t) => t.includes('IE004'),
      3000,
    );
    expect(held.movementReferenceNumber).toBeTruthy();
  });
});

import { isDecisionDocument } from '../../src/risk/decide.js';
import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerVerify } from '../../src/cli/commands/verify.js';
import type { ProvenanceReceipt } from '../../src/provenance/shapes.js';
import { verifyReceipt } from '../../src/provenance/verify.js';
import { sample, startTestGateway, type TestGateway, waitFor } from '../support/gateway.js';

/**
 * Least privilege on reads (issue 13), over HTTP with the sandbox participants: the sender
 * (trader-demo) and an operator (customs) see the whole exchange; a destination (pga-wildlife,
 * partner-xb) its own delivery; a participant with no part in it (pga-food) nothing.
 */
const key = (participant: string) => ({ authorization: `Bearer sandbox-${participant}` });

interface Exchange {
  exchangeId: string;
  role: string;
  status?: string;
  deliveries: Array<{ destination: string }>;
  timeline: Array<{ event: string; destination?: string }>;
  documents: Array<{ name: string; href: string }>;
}

describe('who reads what of an exchange', () => {
  let t: TestGateway;
  let declaration: string;
  let exportToXb: string;
  let whole: ProvenanceReceipt;
  let publicKey: string;
  const dir = mkdtempSync(join(tmpdir(), 'swgate-reads-'));

  const get = (path: string, participant: string) => fetch(`${t.url}${path}`, { headers: key(participant) });
  const json = async <T>(path: string, participant: string) => (await (await get(path, participant)).json()) as T;
  const lodge = async (body: Buffer | string) => {
    const res = await fetch(`${t.url}/v1/declarations`, { method: 'POST', headers: { 'content-type': 'application/xml', ...key('trader-demo') }, body });
    expect(res.status).toBe(202);
    const { exchangeId } = (await res.json()) as { exchangeId: string };
    await waitFor(
      () => json<Exchange>(`/v1/exchanges/${exchangeId}`, 'trader-demo'),
      (e) => e.status === 'delivered',
    );
    return exchangeId;
  };

  beforeAll(async () => {
    t = await startTestGateway('sqlite');
    // Routed to customs and the wildlife authority (it cites a CITES permit).
    declaration = await lodge(sample('import/TT_IM036a__TT_IM036a.xml'));
    exportToXb = await lodge(
      sample('export/TT_EX001a__TT_EX001a.xml')
        .toString('utf8')
        .replace(/(<Destination>[\s\S]*?<CountryCode>)US/, '$1XB'),
    );
    // The last records of a delivery trail its final status by a moment.
    whole = await waitFor(
      () => json<ProvenanceReceipt>(`/v1/exchanges/${declaration}/provenance`, 'trader-demo'),
      (r) => r.entries.length >= 8,
    );
    publicKey = await (await get('/v1/log/public-key', 'pga-food')).text();
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the sender and an operator the whole exchange: every delivery, document and record', async () => {
    for (const [participant, role] of [
      ['trader-demo', 'sender'],
      ['customs', 'operator'],
    ] as const) {
      const exchange = await json<Exchange & Record<string, unknown>>(`/v1/exchanges/${declaration}`, participant);
      expect(exchange).toMatchObject({ role, status: 'delivered', facts: expect.any(Object), findings: expect.any(Array), contentSha256: expect.any(String) });
      expect(exchange.deliveries.map((d) => d.destination)).toEqual(['customs', 'pga-wildlife']);
      // Customs also reads its own targeting decision when the sandbox's profiles or model selected the declaration; the sender never does.
      const names = exchange.documents.map((d) => d.name).filter((name) => role === 'sender' || !isDecisionDocument(name));
      expect(names.sort()).toEqual(['original', 'to-customs', 'to-pga-wildlife', 'wco-json']);
      for (const document of exchange.documents)
        expect({ name: document.name, status: (await get(document.href, participant)).status }).toEqual({ name: document.name, status: 200 });
      const receipt = await json<ProvenanceReceipt>(`/v1/exchanges/${declaration}/provenance`, participant);
      expect(receipt.entries.length).toBe(whole.entries.length);
      expect(verifyReceipt(receipt, publicKey)).toMatchObject({ ok: true });
    }
  });

  it("shows a PGA its own delivery only: not the original, the WCO JSON, customs' copy, delivery, receipt or timeline", async () => {
    const res = await get(`/v1/exchanges/${declaration}`, 'pga-wildlife');
    expect(res.status).toBe(200);
    const text = await res.text();
    const exchange = JSON.parse(text) as Exchange & Record<string, unknown>;
    expect(exchange).toMatchObject({ exchangeId: declaration, role: 'destination', sender: 'trader-demo', kind: 'declaration' });
    for (const field of ['status', 'facts', 'findings', 'contentSha256', 'messageId', 'format']) expect(exchange).not.toHaveProperty(field);
    expect(exchange.deliveries.map((d) => d.destination)).toEqual(['pga-wildlife']);
    expect(exchange.timeline.length).toBeGreaterThan(0);
    expect(exchange.timeline.every((e) => e.destination === 'pga-wildlife')).toBe(true);
    expect(exchange.documents.map((d) => d.name)).toEqual(['to-pga-wildlife']);
    expect(text).not.toMatch(/customs/);

    for (const name of ['original', 'wco-json', 'to-customs']) {
      const document = await get(`/v1/exchanges/${declaration}/documents/${name}`, 'pga-wildlife');
      expect({ name, status: document.status }).toEqual({ name, status: 404 });
      expect(document.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await get(`/v1/exchanges/${declaration}/documents/to-pga-wildlife`, 'pga-wildlife')).status).toBe(200);
    // Spelled otherwise, the name is still the original's: the rule applies to the name the route reads.
    expect((await get(`/v1/exchanges/${declaration}/documents/%6Friginal`, 'pga-wildlife')).status).toBe(404);

    const listed = await json<{ items: Array<Record<string, unknown>> }>('/v1/exchanges?limit=500', 'pga-wildlife');
    const item = listed.items.find((i) => i.exchangeId === declaration);
    expect(item).toMatchObject({ role: 'destination', sender: 'trader-demo', deliveryStatus: 'acknowledged' });
    expect(item).not.toHaveProperty('status');
    expect(listed.items.map((i) => i.exchangeId)).not.toContain(exportToXb);
    // Filtering cannot tell it the exchange's status: status= matches its delivery's.
    const ids = async (query: string, participant: string) =>
      (await json<{ items: Array<{ exchangeId: string }> }>(`/v1/exchanges?limit=500&${query}`, participant)).items.map((i) => i.exchangeId);
    expect(await ids('status=delivered', 'pga-wildlife')).not.toContain(declaration);
    expect(await ids('status=acknowledged', 'pga-wildlife')).toContain(declaration);
    expect(await ids('status=delivered', 'trader-demo')).toContain(declaration);
  });

  it("gives a PGA a receipt of its own delivery's records only, which it verifies offline with swgate verify", async () => {
    const receipt = await json<ProvenanceReceipt>(`/v1/exchanges/${declaration}/provenance`, 'pga-wildlife');
    expect(receipt.entries.map((e) => `${e.record.event}:${e.record.activity.destination}`).sort()).toEqual([
      'acknowledged:pga-wildlife',
      'mapped:pga-wildlife',
      'signed:pga-wildlife',
    ]);
    const own = new Set(receipt.entries.map((e) => e.leafIndex));
    const others = whole.entries.filter((e) => !own.has(e.leafIndex));
    // None of the other records' salts reach it: each opens only its own record.
    expect(others.map((e) => e.salt).filter((salt) => JSON.stringify(receipt).includes(salt!))).toEqual([]);
    expect(verifyReceipt(receipt, publicKey)).toMatchObject({ ok: true });

    const lines: string[] = [];
    let exitCode: number | undefined;
    const program = new Command().exitOverride();
    registerVerify(program, {
      readFile: (path) => readFile(path, 'utf8'),
      send: () => Promise.reject(new Error('offline')),
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      exit: (code) => {
        exitCode = code;
      },
    });
    const receiptFile = join(dir, 'receipt.json');
    const keyFile = join(dir, 'log.pub.pem');
    writeFileSync(receiptFile, JSON.stringify(receipt));
    writeFileSync(keyFile, publicKey);
    await program.parseAsync(['verify', receiptFile, '--public-key', keyFile], { from: 'user' });
    expect({ exitCode, output: lines.join('\n') }).toEqual({ exitCode: 0, output: expect.stringMatching(/^The receipt verifies: 3 event\(s\)/) });

    // In the log, the PGA opens its own entries and nobody else's.
    for (const entry of whole.entries) {
      const shown = await json<Record<string, unknown>>(`/v1/log/entries/${entry.leafIndex}`, 'pga-wildlife');
      expect({ index: entry.leafIndex, opened: 'record' in shown }).toEqual({ index: entry.leafIndex, opened: own.has(entry.leafIndex) });
    }
  });

  it("does not show a partner administration a domestic declaration's original, only its own import view", async () => {
    for (const name of ['original', 'wco-json', 'to-customs'])
      expect({ name, status: (await get(`/v1/exchanges/${exportToXb}/documents/${name}`, 'partner-xb')).status }).toEqual({ name, status: 404 });
    expect((await get(`/v1/exchanges/${exportToXb}/documents/to-partner-xb`, 'partner-xb')).status).toBe(200);
    const exchange = await json<Exchange>(`/v1/exchanges/${exportToXb}`, 'partner-xb');
    expect(exchange.documents.map((d) => d.name)).toEqual(['to-partner-xb']);
    expect(exchange.deliveries.map((d) => d.destination)).toEqual(['partner-xb']);
    // Nor anything of an exchange it has no part in.
    expect((await get(`/v1/exchanges/${declaration}`, 'partner-xb')).status).toBe(404);
  });

  it('shows a participant with no part in the exchange nothing, and in the log no party, exchange or time', async () => {
    for (const path of [`/v1/exchanges/${declaration}`, `/v1/exchanges/${declaration}/provenance`, `/v1/exchanges/${declaration}/documents/original`]) {
      const res = await get(path, 'pga-food');
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect((await res.json()) as { findings: Array<{ code: string }> }).toMatchObject({ findings: [{ code: 'exchange.not-found' }] });
    }
    for (const entry of whole.entries) {
      const text = await (await get(`/v1/log/entries/${entry.leafIndex}`, 'pga-food')).text();
      const shown = JSON.parse(text) as { leafInput: string; leafHash: string };
      expect(Object.keys(shown).sort()).toEqual(['index', 'leafHash', 'leafInput']);
      expect(shown.leafHash).toBe(entry.leafHash);
      const leaf = Buffer.from(shown.leafInput, 'base64').toString('utf8');
      for (const secret of [declaration, 'trader-demo', 'customs', 'pga-wildlife', entry.record.time, entry.record.entity.contentSha256]) {
        expect(text).not.toContain(secret);
        expect(leaf).not.toContain(secret);
      }
    }
  });
});

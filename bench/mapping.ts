/**
 * Documents per second (one core) for each mapping on its first worked example, against
 * baselines measured in the same run on the same input: structuredClone (copying the document
 * is the least any transformation does), JSON.parse of its bytes (what reading it costs), and,
 * for the hot path (declaration → agency view, target ≥ 10,000/s on a ~10 KB declaration), a
 * hand-written function producing the same view, checked equal to the mapping's output.
 *
 *   npx tsx bench/mapping.ts
 */
import { deepStrictEqual } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadMappings } from '../src/mapping/catalogue.js';
import { convertUnit } from '../src/mapping/conversions.js';

const MAPPINGS = 'mappings';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

/** Calls per second of fn, after a warm-up; fn may be async. */
async function rate(fn: () => unknown): Promise<number> {
  const runFor = async (ms: number): Promise<number> => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) await fn();
      n += 100;
    }
    return n;
  };
  await runFor(300);
  const start = performance.now();
  const n = await runFor(SECONDS * 1000);
  return n / ((performance.now() - start) / 1000);
}

// Loose JSON on purpose: the baseline is what a hurried hand would write.
// biome-ignore lint/suspicious/noExplicitAny: that baseline, as written by hand
type Json = Record<string, any>;
const list = (v: unknown): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as Json[];
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : (v as Json | undefined)?.value);
const compactObject = (o: Json): Json | undefined => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return Object.keys(o).length > 0 ? o : undefined;
};

/** declaration-to-health written by hand: what the spec says, as plain code. */
function healthViewByHand(input: Json): Json {
  const d = (input.MetaData?.Declaration ?? input.Declaration) as Json;
  const party = (p: Json | undefined): Json | undefined =>
    p &&
    compactObject({
      id: p.ID,
      name: p.Name,
      address: p.Address && compactObject({ line: p.Address.Line, city: p.Address.CityName, postcode: p.Address.PostcodeID, country: p.Address.CountryCode }),
    });
  const shipment = d.GoodsShipment as Json;
  const tsp = (item: Json): string | undefined => list(item.Commodity?.Classification).find((c) => c.IdentificationTypeCode === 'TSP')?.ID;
  const kg = (m: unknown): string | undefined => (m === undefined ? undefined : convertUnit(text(m)!, (m as Json).unitCode ?? 'KGM', 'KGM'));
  return compactObject({
    notification: 'health',
    declaration: compactObject({
      lrn: d.FunctionalReferenceID,
      mrn: d.ID,
      typeCode: d.TypeCode,
      functionCode: d.FunctionCode,
      office: d.DeclarationOfficeID ?? d.PresentationOffice?.ID,
      documents: list(d.AdditionalDocument).map((a) => compactObject({ code: a.CategoryCode + a.TypeCode, id: a.ID })),
    }),
    parties: compactObject({
      declarant: party(d.Declarant),
      exporter: party(d.Exporter),
      importer: party(shipment.Importer),
      consignee: party(shipment.Consignee),
    }),
    origin: compactObject({ exportCountry: shipment.ExportCountry?.ID, destinationCountry: shipment.Destination?.CountryCode }),
    transport: compactObject({
      borderModeCode: d.BorderTransportMeans?.ModeCode,
      borderMeansNationality: d.BorderTransportMeans?.RegistrationNationalityCode,
      borderMeansId: d.BorderTransportMeans?.ID,
      arrivalMeansId: shipment.Consignment?.ArrivalTransportMeans?.ID,
      goodsLocation: shipment.Consignment?.GoodsLocation?.Name,
      containers: shipment.Consignment?.TransportEquipment && list(shipment.Consignment.TransportEquipment).map((t) => ({ id: t.ID })),
    }),
    goodsItems: list(shipment.GovernmentAgencyGoodsItem)
      .filter((item) => tsp(item)?.startsWith('30'))
      .map((item) => {
        const c = item.Commodity as Json;
        const amount = c.InvoiceLine?.ItemChargeAmount;
        const procedures = list(item.GovernmentProcedure);
        const current = procedures.map((p) => p.CurrentCode).find(Boolean);
        const previous = procedures.map((p) => p.PreviousCode).find(Boolean);
        return compactObject({
          sequence: item.SequenceNumeric,
          hsCode: tsp(item),
          description: c.Description?.replace(/\s+/g, ' ').trim(),
          grossMassKg: kg(c.GoodsMeasure?.GrossMassMeasure),
          netMassKg: kg(c.GoodsMeasure?.NetNetWeightMeasure),
          value: amount && compactObject({ amount: text(amount), currency: amount.currencyID }),
          originCountry: list(item.Origin)[0]?.CountryCode,
          procedure: current && previous ? current + previous : undefined,
          documents:
            item.AdditionalDocument &&
            list(item.AdditionalDocument).map((a) =>
              compactObject({
                code: a.CategoryCode + a.TypeCode,
                id: a.ID,
                name: a.Name,
                exemptionCode: a.LPCOExemptionCode,
                writeOff:
                  a.WriteOff &&
                  compactObject({
                    quantity: text(a.WriteOff.QuantityQuantity),
                    unit: a.WriteOff.QuantityQuantity?.unitCode,
                    amount: text(a.WriteOff.AmountAmount),
                    currency: a.WriteOff.AmountAmount?.currencyID,
                  }),
              }),
            ),
        });
      }),
  })!;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

const catalogue = await loadMappings(MAPPINGS);
console.log(`mapping benchmark: ${SECONDS}s per figure, one process (one core), Node ${process.version}`);
for (const { id } of catalogue.list()) {
  const dir = join(MAPPINGS, id, 'examples');
  const example = readdirSync(dir)
    .filter((f) => /\.input\.(json|xml)$/.test(f))
    .sort()[0]!;
  const bytes = readFileSync(join(dir, example));
  const isJson = example.endsWith('.json');
  const compact = isJson ? Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8')))) : bytes;
  const parsed: unknown = isJson ? JSON.parse(compact.toString('utf8')) : undefined;
  const size = `${(compact.length / 1024).toFixed(1)} KB ${isJson ? 'JSON' : 'XML'}`;

  const fromBytes = await rate(() => catalogue.apply(id, compact));
  let line = `${id.padEnd(28)} ${example.padEnd(34)} ${size.padStart(12)}  from bytes ${fmt(fromBytes)}/s`;
  if (isJson) {
    const fromObject = await rate(() => catalogue.apply(id, parsed));
    const cloneRate = await rate(() => structuredClone(parsed));
    const parseRate = await rate(() => JSON.parse(compact.toString('utf8')));
    line += `  from object ${fmt(fromObject)}/s  | baseline structuredClone ${fmt(cloneRate)}/s (mapping ${(fromObject / cloneRate).toFixed(2)}×), JSON.parse ${fmt(parseRate)}/s`;
    if (id === 'declaration-to-health') {
      deepStrictEqual(healthViewByHand(parsed as Json), (await catalogue.apply(id, parsed)).output);
      const byHand = await rate(() => healthViewByHand(parsed as Json));
      line += `, same view by hand ${fmt(byHand)}/s (mapping ${(fromObject / byHand).toFixed(2)}×)`;
    }
  }
  console.log(line);
}

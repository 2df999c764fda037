import { HISTORY_HEADER, type HistoryRow, historyCsvLine } from '../history.js';
import { SeededRandom, WeightedPicker } from './random.js';

/**
 * The project's own synthetic declaration history (docs/RISK.md, "Model"): seeded, so the same
 * options give the same rows byte for byte. Every row is as if controlled (`illicit` 1 is a
 * discrepancy, `revenue` the duty it recovered), as in the DATE paper's synthetic set. Planted:
 * - undervalued phones: tariff 8517.13/8517.62 from AE and HK, declared far below their usual price;
 * - offender importers (3%), who declare falsely a third of the time;
 * - complicit declarants (6%), who most offenders lodge through and who add risk themselves;
 * - rings: ordinary-looking importers lodging through a complicit declarant, with a raised rate;
 * - risky origin-by-chapter pairs (TR apparel, VN footwear, CN toys);
 * - drift from the drift date (1 July of the first year): TR apparel turns clean, MY furniture,
 *   TH tyres and BR footwear turn risky, and new importers appear that lodge through the
 *   declarants serving known offenders, with an offender's rate.
 */
export interface SyntheticHistoryOptions {
  rows: number;
  seed: number;
  /** First day, YYYY-MM-DD. */
  from: string;
  days?: number;
}

const ORIGINS = ['CN', 'VN', 'IN', 'TR', 'DE', 'US', 'JP', 'KR', 'TH', 'MY', 'ID', 'BR', 'MX', 'GB', 'FR', 'IT', 'AE', 'HK', 'PK', 'BD', 'XB', 'ZA'];
const CHAPTERS = [
  '03',
  '08',
  '09',
  '22',
  '30',
  '33',
  '39',
  '40',
  '42',
  '44',
  '48',
  '52',
  '61',
  '62',
  '64',
  '69',
  '71',
  '73',
  '84',
  '85',
  '87',
  '90',
  '94',
  '95',
];
const PHONE_CODES = ['85171300', '85176200'];
const PHONE_UNDERVALUING_ORIGINS = new Set(['AE', 'HK']);
const RISKY_PAIRS = new Set(['TR:61', 'VN:64', 'CN:95']);
const RISKY_PAIRS_AFTER_DRIFT = new Set(['VN:64', 'CN:95', 'MY:94', 'TH:40', 'BR:64']);
const OFFICES = ['OFF01', 'OFF02', 'OFF03', 'OFF04', 'OFF05', 'OFF06', 'OFF07', 'OFF08'];

interface TariffLine {
  code: string;
  chapter: string;
  unitValue: number;
  kgPerUnit: number;
  taxRate: number;
}

interface Importer {
  id: string;
  origins: string[];
  chapters: string[];
  declarants: [number, number];
  office: string;
  rate: number;
  /** Day index from which it declares (new importers appear after the drift). */
  firstDay: number;
}

const BASE_RATE = 0.015;
const OFFENDER_RATE = 0.33;
const RING_RATE = 0.12;
const COMPLICIT_DECLARANT_RATE = 0.05;
const RISKY_PAIR_RATE = 0.18;
const UNDERVALUED_PHONE_RATE = 0.3;

function tariffLines(random: SeededRandom): TariffLine[] {
  const lines: TariffLine[] = [];
  for (const chapter of CHAPTERS) {
    const codes = chapter === '85' ? [...PHONE_CODES, '85044000', '85287200'] : [];
    while (codes.length < 5) codes.push(`${chapter}${String(10 + random.below(80)).padStart(2, '0')}${String(random.below(10000)).padStart(4, '0')}`);
    for (const code of new Set(codes)) {
      const phone = PHONE_CODES.includes(code);
      lines.push({
        code,
        chapter,
        unitValue: phone ? random.uniform(150, 400) : random.logNormal(2.5, 1.2),
        kgPerUnit: phone ? random.uniform(0.2, 0.4) : random.logNormal(-0.5, 1),
        taxRate: random.uniform(0.05, 0.3),
      });
    }
  }
  return lines;
}

function addDays(from: string, days: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of July of `from`'s year, as a day index from `from` (0 when `from` is later). */
function driftDay(from: string): number {
  const july = Date.parse(`${from.slice(0, 4)}-07-01T00:00:00Z`);
  return Math.max(0, Math.round((july - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

export function syntheticHistory(options: SyntheticHistoryOptions): HistoryRow[] {
  const random = new SeededRandom(options.seed);
  const days = options.days ?? 365;
  const drift = driftDay(options.from);
  const lines = tariffLines(random);
  const linesByChapter = new Map<string, TariffLine[]>();
  for (const line of lines) linesByChapter.set(line.chapter, [...(linesByChapter.get(line.chapter) ?? []), line]);

  const declarantCount = Math.max(10, Math.round(options.rows / 400));
  const complicit = Array.from({ length: declarantCount }, (_, i) => i < Math.max(2, Math.round(declarantCount * 0.06)));
  const complicitIndices = complicit.flatMap((c, i) => (c ? [i] : []));
  const ordinaryIndices = complicit.flatMap((c, i) => (c ? [] : [i]));
  const declarantIds = complicit.map((_, i) => `DEC${String(i + 1).padStart(4, '0')}`);

  const importerCount = Math.max(50, Math.round(options.rows / 40));
  const newImporterCount = Math.max(5, Math.round(importerCount * 0.04));
  const importers: Importer[] = [];
  for (let i = 0; i < importerCount + newImporterCount; i += 1) {
    const isNew = i >= importerCount;
    const offender = isNew || random.chance(0.03);
    const primary = offender && random.chance(0.75) ? random.pick(complicitIndices) : random.pick(ordinaryIndices);
    const ring = !offender && complicit[primary] === true && random.chance(0.5);
    importers.push({
      id: `IMP${String(i + 1).padStart(5, '0')}`,
      origins: Array.from({ length: 1 + random.below(3) }, () => random.pick(ORIGINS)),
      chapters: Array.from({ length: 1 + random.below(3) }, () => random.pick(CHAPTERS)),
      declarants: [primary, random.chance(0.5) ? primary : random.below(declarantCount)],
      office: random.pick(OFFICES),
      rate: BASE_RATE + (offender ? OFFENDER_RATE : 0) + (ring ? RING_RATE : 0),
      firstDay: isNew ? drift + random.below(Math.max(1, days - drift - 30)) : 0,
    });
  }
  const weights = importers.map(() => random.logNormal(0, 1.2));
  const established = new WeightedPicker(weights.slice(0, importerCount));
  const everyone = new WeightedPicker(weights);

  const rows: HistoryRow[] = [];
  for (let n = 0; n < options.rows; n += 1) {
    const day = Math.floor((n * days) / options.rows);
    const afterDrift = day >= drift;
    let importer = importers[(afterDrift ? everyone : established).pick(random)] as Importer;
    if (importer.firstDay > day) importer = importers[established.pick(random)] as Importer;
    const origin = random.pick(importer.origins);
    const line = random.pick(linesByChapter.get(random.pick(importer.chapters)) as TariffLine[]);
    const declarant = importer.declarants[random.chance(0.85) ? 0 : 1];
    const phone = PHONE_CODES.includes(line.code) && PHONE_UNDERVALUING_ORIGINS.has(origin);
    const pair = `${origin}:${line.chapter}`;
    const rate =
      importer.rate +
      (complicit[declarant] ? COMPLICIT_DECLARANT_RATE : 0) +
      ((afterDrift ? RISKY_PAIRS_AFTER_DRIFT : RISKY_PAIRS).has(pair) ? RISKY_PAIR_RATE : 0) +
      (phone ? UNDERVALUED_PHONE_RATE : 0);
    const illicit = random.chance(Math.min(0.9, rate));

    let quantity = Math.max(1, Math.round(random.logNormal(3, 1.2)));
    const trueCif = quantity * line.unitValue * random.logNormal(0, 0.25);
    let mass = quantity * line.kgPerUnit * random.logNormal(0, 0.15);
    const trueTaxes = trueCif * line.taxRate;
    let cif = trueCif;
    let taxes = trueTaxes;
    let revenue = 0;
    if (illicit) {
      const kind = phone ? 0 : random.next();
      if (kind < 0.45) {
        cif = trueCif * (phone ? random.uniform(0.15, 0.4) : random.uniform(0.3, 0.7));
        taxes = cif * line.taxRate;
      } else if (kind < 0.65) {
        taxes = trueTaxes * random.uniform(0.3, 0.7);
      } else if (kind < 0.8) {
        const share = random.uniform(0.4, 0.7);
        quantity = Math.max(1, Math.round(quantity * share));
        mass *= share;
        cif = trueCif * share;
        taxes = cif * line.taxRate;
      }
      revenue = kind < 0.8 ? trueTaxes - taxes : trueTaxes * random.uniform(0.2, 1);
    }
    rows.push({
      sgdId: `SGD${String(n + 1).padStart(7, '0')}`,
      date: addDays(options.from, day),
      importerId: importer.id,
      declarantId: declarantIds[declarant] as string,
      country: origin,
      officeId: random.chance(0.8) ? importer.office : random.pick(OFFICES),
      tariffCode: line.code,
      quantity,
      grossWeight: round(mass, 3),
      fobValue: round(cif * random.uniform(0.85, 0.95), 2),
      cifValue: round(cif, 2),
      totalTaxes: round(taxes, 2),
      illicit: illicit ? 1 : 0,
      revenue: round(revenue, 2),
    });
  }
  return rows;
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

/** History rows as CSV in the HISTORY_COLUMNS (every synthetic row has its outcome: each was controlled). */
export function historyCsv(rows: readonly HistoryRow[]): string {
  return `${[HISTORY_HEADER, ...rows.map(historyCsvLine)].join('\n')}\n`;
}

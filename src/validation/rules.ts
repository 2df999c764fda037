/**
 * Business rules on structurally valid WCO JSON: what an XSD cannot say. Each rule has its own
 * finding code (`rules.*`); code lists come from ./code-lists (data files naming their source).
 */
import type { Finding, Severity } from '../findings.js';
import { pointerToken, type WcoJsonObject, type WcoJsonValue } from '../documents/wco/json.js';
import { COUNTRIES, CURRENCIES, UNITS, type CodeList } from './code-lists.js';

type Report = (severity: Severity, code: string, message: string, path: string) => void;

/** What every rule is given: where to report, and the country codes that count as known. */
interface RuleContext {
  report: Report;
  countries: CodeList;
}

const textOf = (value: WcoJsonValue | WcoJsonValue[] | undefined): string | undefined =>
  typeof value === 'string' ? value.trim() : value && !Array.isArray(value) && typeof value.value === 'string' ? value.value.trim() : undefined;

const asList = (value: WcoJsonValue | WcoJsonValue[] | undefined): WcoJsonValue[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** An empty value is an absent one here (HMRC notifications send an empty ResponsibleCountryCode). */
function checkCode(report: Report, list: CodeList, code: string, value: string, path: string, severity: Severity = 'error'): void {
  if (value !== '' && !list.codes.has(value)) report(severity, code, `${JSON.stringify(value)} is not in the ${list.list} code list (${list.version})`, path);
}

/** CCYYMMDD (102) or CCYYMMDDHHMMSS followed by Z or a ±hh offset (304), and a real calendar date. */
function dateProblem(value: string, formatCode: string): string | null {
  const shape = formatCode === '102' ? /^(\d{4})(\d{2})(\d{2})$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2})$/;
  const m = shape.exec(value);
  if (!m) return `${JSON.stringify(value)} is not a date in format ${formatCode} (${formatCode === '102' ? 'CCYYMMDD' : 'CCYYMMDDHHMMSS and Z or ±hh'})`;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  const realDay = date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
  if (!realDay || hour > 23 || minute > 59 || second > 59) return `${JSON.stringify(value)} is not a real date and time`;
  return null;
}

function checkLeaf(ctx: RuleContext, key: string, parentKey: string, value: WcoJsonValue, path: string): void {
  const text = textOf(value) ?? '';
  if (key.endsWith('CountryCode') || (key === 'ID' && parentKey === 'ExportCountry')) checkCode(ctx.report, ctx.countries, 'rules.country', text, path);
  if (typeof value === 'string') return;
  if (value.currencyID !== undefined) checkCode(ctx.report, CURRENCIES, 'rules.currency', String(value.currencyID).trim(), `${path}/currencyID`);
  if (typeof value.unitCode === 'string') {
    // HMRC qualifies units after a '#', e.g. KGM#G for gross kilograms.
    checkCode(ctx.report, UNITS, 'rules.unit', value.unitCode.trim().split('#')[0] ?? '', `${path}/unitCode`, 'warning');
  }
  if (key === 'DateTimeString' && typeof value.formatCode === 'string') {
    const problem = dateProblem(text, value.formatCode.trim());
    if (problem) ctx.report('error', 'rules.date', problem, path);
  }
}

/** Rules on an element with element content: commodity codes, item count, goods item numbers. */
function checkObject(ctx: RuleContext, key: string, obj: WcoJsonObject, path: string): void {
  if (key === 'Classification' && textOf(obj.IdentificationTypeCode) === 'TSP') {
    const id = textOf(obj.ID) ?? '';
    if (!/^\d{6}(\d{2}(\d{2})?)?$/.test(id)) {
      ctx.report(
        'error',
        'rules.hs-code',
        `Commodity code ${JSON.stringify(id)} must be 6, 8 or 10 digits (HS subheading and national extensions)`,
        `${path}/ID`,
      );
    }
  }
  // Only an original declaration (FunctionCode 9) lists all its goods items; an amendment
  // repeats the total but carries only the items it changes.
  if (key === 'Declaration' && textOf(obj.FunctionCode) === '9' && obj.GoodsItemQuantity !== undefined) {
    const declared = textOf(obj.GoodsItemQuantity) ?? '';
    const shipment = asList(obj.GoodsShipment)[0];
    const items = shipment && typeof shipment !== 'string' ? asList(shipment.GovernmentAgencyGoodsItem).length : 0;
    if (Number(declared) !== items) {
      ctx.report(
        'error',
        'rules.goods-item-quantity',
        `GoodsItemQuantity is ${declared} but the declaration has ${items} goods items`,
        `${path}/GoodsItemQuantity`,
      );
    }
  }
  if (key === 'Declaration' && obj.TotalPackageQuantity !== undefined) checkTotalPackages(ctx.report, obj, path);
  const items = obj.GovernmentAgencyGoodsItem;
  if (Array.isArray(items)) {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const sequence = typeof item === 'string' ? undefined : textOf(item.SequenceNumeric);
      if (sequence === undefined) return;
      const normalised = sequence.replace(/^0+(?=\d)/, '');
      const first = seen.get(normalised);
      if (first !== undefined) {
        ctx.report(
          'error',
          'rules.sequence-duplicate',
          `Goods item ${i + 1} repeats SequenceNumeric ${sequence} of goods item ${first + 1}`,
          `${path}/GovernmentAgencyGoodsItem/${i}/SequenceNumeric`,
        );
      } else seen.set(normalised, i);
    });
  }
}

/**
 * TotalPackageQuantity against the sum of the goods items' Packaging/QuantityQuantity, when
 * every package line states one. A warning: customs accept declarations where the two differ
 * (two corpus samples do), but a sender should hear about it.
 */
function checkTotalPackages(report: Report, declaration: WcoJsonObject, path: string): void {
  const shipment = asList(declaration.GoodsShipment)[0];
  if (!shipment || typeof shipment === 'string') return;
  const quantities = asList(shipment.GovernmentAgencyGoodsItem)
    .flatMap((item) => (typeof item === 'string' ? [] : asList(item.Packaging)))
    .map((packaging) => (typeof packaging === 'string' ? undefined : textOf(packaging.QuantityQuantity)));
  if (quantities.length === 0 || quantities.some((q) => q === undefined)) return;
  const sum = quantities.reduce((total, q) => total + Number(q), 0);
  const declared = textOf(declaration.TotalPackageQuantity) ?? '';
  if (Number(declared) !== sum) {
    report(
      'warning',
      'rules.total-packages',
      `TotalPackageQuantity is ${declared} but the goods items' packages add up to ${sum}`,
      `${path}/TotalPackageQuantity`,
    );
  }
}

function walk(ctx: RuleContext, key: string, parentKey: string, value: WcoJsonValue, path: string): void {
  const isLeaf = typeof value === 'string' || typeof value.value === 'string';
  if (isLeaf) {
    checkLeaf(ctx, key, parentKey, value, path);
    return;
  }
  checkObject(ctx, key, value, path);
  for (const [childKey, child] of Object.entries(value)) {
    const childPath = `${path}/${pointerToken(childKey)}`;
    if (Array.isArray(child)) {
      for (const [i, item] of child.entries()) walk(ctx, childKey, key, item, `${childPath}/${i}`);
    } else if (childKey.charAt(0) !== childKey.charAt(0).toLowerCase()) walk(ctx, childKey, key, child, childPath);
  }
}

/** `countries`: ISO 3166-1, or ISO 3166-1 with the user-assigned codes a configuration uses (see code-lists). */
export function businessRuleFindings(json: WcoJsonObject, countries: CodeList = COUNTRIES): Finding[] {
  const findings: Finding[] = [];
  const ctx: RuleContext = { report: (severity, code, message, path) => findings.push({ severity, code, message, path }), countries };
  for (const [key, value] of Object.entries(json)) if (!Array.isArray(value)) walk(ctx, key, '', value, `/${pointerToken(key)}`);
  return findings;
}

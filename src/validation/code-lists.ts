/** Code lists as data files, each naming its source and version (see the files themselves). */
import countries from './code-lists/iso_3166-1.json' with { type: 'json' };
import currencies from './code-lists/iso_4217.json' with { type: 'json' };
import units from './code-lists/unece_rec20_subset.json' with { type: 'json' };

export interface CodeList {
  list: string;
  source: string;
  version: string;
  codes: ReadonlySet<string>;
}

function codeList(data: { list: string; source: string; version: string; codes: string[] }): CodeList {
  return { ...data, codes: new Set(data.codes) };
}

export const COUNTRIES = codeList(countries);
export const CURRENCIES = codeList(currencies);
export const UNITS = codeList(units);

/** ISO 3166-1 reserves AA, QM–QZ, XA–XZ and ZZ for users: a sandbox partner such as XB is one. */
const USER_ASSIGNED = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/**
 * ISO 3166-1 plus the user-assigned codes among those a configuration names (its participants'
 * countries). Only user-assigned codes are added: a configuration cannot invent real countries.
 */
export function countriesFor(configured: ReadonlyArray<string | undefined>): CodeList {
  const extra = [...new Set(configured.filter((c): c is string => c !== undefined && USER_ASSIGNED.test(c)))];
  if (extra.length === 0) return COUNTRIES;
  return { ...COUNTRIES, version: `${COUNTRIES.version} + user-assigned ${extra.join(', ')}`, codes: new Set([...COUNTRIES.codes, ...extra]) };
}

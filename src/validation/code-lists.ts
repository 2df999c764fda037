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

import { readFileSync } from 'node:fs';
import { wcoJsonToXmlString, wcoXmlToJson } from '../src/documents/wco/codec.js';
import { DMS_MODEL, DMS_JSON_SCHEMA } from '../src/documents/wco/dms.js';
import { structuralValidator } from '../src/validation/structural.js';
import { businessRuleFindings } from '../src/validation/rules.js';
const { json } = wcoXmlToJson(readFileSync('test/fixtures/wco-dm/samples/customs-declarations/import/TT_IM184a__Step1_TT_IM184a.xml'));
const v = structuralValidator(DMS_MODEL, DMS_JSON_SCHEMA);
function rate(f: () => unknown) { for (let i = 0; i < 100; i++) f(); const s = performance.now(); let n = 0; while (performance.now() - s < 1500) { f(); n++; } return (n * 1000 / (performance.now() - s)).toFixed(0); }
console.log('validate', rate(() => v.validate(json!)));
console.log('rules', rate(() => businessRuleFindings(json!)));

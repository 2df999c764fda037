import type { ErrorObject } from 'ajv';
import { type Finding, finding } from './findings.js';

/**
 * A JSON Schema error (ajv) as a finding coded `<codePrefix>.<keyword>`, pointing at the
 * property at fault: a missing one by its own pointer, an unexpected one named in the message.
 */
export function schemaFinding(error: ErrorObject, codePrefix: string): Finding {
  const missing = error.keyword === 'required' ? `/${String(error.params.missingProperty)}` : '';
  const extra = error.keyword === 'additionalProperties' ? ` ("${String(error.params.additionalProperty)}")` : '';
  return finding(
    `${codePrefix}.${error.keyword}`,
    `${error.instancePath || 'The document'} ${error.message ?? 'is invalid'}${extra}`,
    error.instancePath + missing,
  );
}

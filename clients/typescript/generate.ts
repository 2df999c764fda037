import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

export const CLIENT_TYPES_FILE = 'clients/typescript/schema.d.ts';

const HEADER = '// Generated from openapi/openapi.json by openapi-typescript (npm run client). Do not edit.\n';

/** The client's types, as openapi-typescript makes them from the checked-in OpenAPI document. */
export async function clientTypes(): Promise<string> {
  const document = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as Parameters<typeof openapiTS>[0];
  return HEADER + astToString(await openapiTS(document, { alphabetize: false }));
}

// Regenerates the checked-in OpenAPI document from the route schemas: `npm run openapi`.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config/load.js';
import { OPENAPI_FILE, openApiDocument, renderOpenApi } from '../src/http/openapi.js';

writeFileSync(OPENAPI_FILE, renderOpenApi(await openApiDocument(loadConfig({}))));
console.log(`wrote ${OPENAPI_FILE}`);

// Regenerates the typed TypeScript client's types from the checked-in OpenAPI document: `npm run client`.
import { writeFileSync } from 'node:fs';
import { CLIENT_TYPES_FILE, clientTypes } from '../clients/typescript/generate.js';

writeFileSync(CLIENT_TYPES_FILE, await clientTypes());
console.log(`wrote ${CLIENT_TYPES_FILE}`);

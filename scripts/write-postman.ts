// Regenerates the Postman collection of the README walk-through: `npm run postman`.
import { writeFileSync } from 'node:fs';
import { COLLECTION_FILE, renderCollection } from '../clients/postman/collection.js';

writeFileSync(COLLECTION_FILE, renderCollection());
console.log(`wrote ${COLLECTION_FILE}`);

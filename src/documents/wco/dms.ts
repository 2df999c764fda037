/** The generated DMS declaration model and JSON Schema (see scripts/generate-wco-schema.ts). */
import model from './generated/dms-model.json' with { type: 'json' };
import schema from './generated/dms.schema.json' with { type: 'json' };
import type { WcoModel } from './model.js';

export const DMS_MODEL = model as WcoModel;
export const DMS_JSON_SCHEMA: Record<string, unknown> = schema;

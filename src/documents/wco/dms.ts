/**
 * The generated DMS schema sets (see scripts/generate-wco-schema.ts): declarations
 * (MetaData + Declaration) and notifications (MetaData + Response), and which one a document
 * belongs to.
 */
import declarationModel from './generated/dms-model.json' with { type: 'json' };
import declarationSchema from './generated/dms.schema.json' with { type: 'json' };
import notificationModel from './generated/dms-notification-model.json' with { type: 'json' };
import notificationSchema from './generated/dms-notification.schema.json' with { type: 'json' };
import type { WcoJsonObject } from './json.js';
import type { WcoModel } from './model.js';
import type { XmlElement } from '../xml/tree.js';

export interface WcoSchemaSet {
  model: WcoModel;
  /** JSON Schema 2020-12 for the set's WCO JSON. */
  schema: Record<string, unknown>;
}

// A JSON import types `kind: "element"` as `kind: string`; the generator guarantees the shape.
export const DMS_MODEL = declarationModel as unknown as WcoModel;
export const DMS_JSON_SCHEMA: Record<string, unknown> = declarationSchema;
export const DMS_DECLARATIONS: WcoSchemaSet = { model: DMS_MODEL, schema: DMS_JSON_SCHEMA };
export const DMS_NOTIFICATIONS: WcoSchemaSet = { model: notificationModel as unknown as WcoModel, schema: notificationSchema };

/** Notifications are a Response, or a MetaData holding Responses; everything else is a declaration. */
export function schemaSetOfXml(root: XmlElement): WcoSchemaSet {
  const isResponse = (el: XmlElement | string): boolean => typeof el !== 'string' && el.name === 'Response';
  return isResponse(root) || (root.name === 'MetaData' && root.children.some(isResponse)) ? DMS_NOTIFICATIONS : DMS_DECLARATIONS;
}

export function schemaSetOfJson(json: WcoJsonObject): WcoSchemaSet {
  const metaData = json.MetaData;
  const holdsResponse = typeof metaData === 'object' && !Array.isArray(metaData) && metaData.Response !== undefined;
  return json.Response !== undefined || holdsResponse ? DMS_NOTIFICATIONS : DMS_DECLARATIONS;
}

/**
 * The generated model names the namespaces of the published schemas; a partner profile may use
 * other URIs for the envelope and the declaration. These map one to the other.
 */
import { WCO_NAMESPACES, type NamespaceProfile } from './namespaces.js';

export interface NamespaceMap {
  /** Model (XSD) namespace → the namespace used in documents of this profile. */
  toDocument(modelNs: string): string;
  /** And back. */
  toModel(documentNs: string): string;
}

export function namespaceMap(profile: NamespaceProfile): NamespaceMap {
  const renamed = new Map<string, string>([
    [WCO_NAMESPACES.metadata, profile.metadata],
    [WCO_NAMESPACES.declaration, profile.declaration],
  ]);
  const back = new Map([...renamed].map(([model, document]) => [document, model]));
  return { toDocument: (modelNs) => renamed.get(modelNs) ?? modelNs, toModel: (documentNs) => back.get(documentNs) ?? documentNs };
}

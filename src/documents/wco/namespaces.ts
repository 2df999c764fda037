/**
 * The namespace URIs a partner profile uses for the WCO DM envelope and declaration. The
 * default is the DMS profile of the published schemas; partner profiles may use others.
 */
export interface NamespaceProfile {
  metadata: string;
  declaration: string;
}

export const WCO_NAMESPACES: NamespaceProfile = {
  metadata: 'urn:wco:datamodel:WCO:DocumentMetaData-DMS:2',
  declaration: 'urn:wco:datamodel:WCO:DEC-DMS:2',
};

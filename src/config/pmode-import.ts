import { stringify } from 'yaml';
import { attributeValue, childElements, type XmlElement } from '../documents/xml/tree.js';
import { parseXml } from '../documents/xml/parse.js';
import { finding, RejectionError } from '../findings.js';
import { AS4_DEFAULT_MPC } from './types.js';

/** What `swgate as4 import-pmode` makes of a Domibus PMode: the configuration fragment, and what it could not carry over. */
export interface ImportedPmode {
  /** The gateway's own AS4 party (the PMode's `party`), participants and agreements, shaped as the configuration file. */
  fragment: {
    as4?: { partyId: string; partyIdType?: string };
    participants: Array<Record<string, unknown>>;
    agreements: Array<Record<string, unknown>>;
  };
  /** One sentence each: legs left out, values that need the operator. */
  notes: string[];
}

/** Domibus's configuration namespace: only the root is in it; its children are unqualified. */
const DOMIBUS_NS = 'http://domibus.eu/configuration';

/** The Domibus security policies swgate's two settings correspond to; any other (noSigNoEnc…) the 1.15 profile does not allow. */
const SECURITY_OF_POLICY: Record<string, 'sign-encrypt' | 'sign-only'> = {
  'eDeliveryAS4Policy.xml': 'sign-encrypt',
  'eDeliveryAS4Policy_BST.xml': 'sign-encrypt',
  'eDeliveryAS4Policy_IS.xml': 'sign-encrypt',
  'signOnly.xml': 'sign-only',
};

const BINDING_MODE: Record<string, 'push' | 'pull'> = {
  'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/push': 'push',
  'http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/pull': 'pull',
};

/** A Domibus name (`red_gw`, `pushTestcase1tc1Action`) as a swgate id: lower case, dashes. */
function swgateId(name: string): string {
  const id = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return /^[a-z0-9]/.test(id) ? id : `p-${id}`.slice(0, 63);
}

/** Elements named `name` anywhere below `root` (Domibus nests its lists one level down: parties/party, legs/leg). */
function all(root: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const child of childElements(el)) {
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

const attr = (el: XmlElement | undefined, name: string) => (el ? attributeValue(el, '', name) : undefined);
const byName = (root: XmlElement, element: string) => new Map(all(root, element).map((e) => [attr(e, 'name') ?? '', e]));

/**
 * Reads a Domibus PMode (`db:configuration`) with the gateway's safe XML parser (no DTD, no
 * entities, bounded depth) and turns each process leg the configured party initiates into an
 * AS4 agreement towards each responder party, each other party into a participant.
 */
export function importDomibusPmode(xml: Buffer | string): ImportedPmode {
  const root = parseXml(xml, { maxBytes: 4 * 1024 * 1024 });
  if (root.ns !== DOMIBUS_NS || root.name !== 'configuration')
    throw new RejectionError(422, 'Not a Domibus PMode', [
      finding('pmode.root', `not a Domibus PMode: the root is {${root.ns}}${root.name}, not {${DOMIBUS_NS}}configuration`),
    ]);
  const notes: string[] = [];
  const self = attr(root, 'party');
  const partyIdTypes = new Map(all(root, 'partyIdType').map((t) => [attr(t, 'name'), attr(t, 'value')]));
  const parties = byName(root, 'party');
  const services = byName(root, 'service');
  const actions = byName(root, 'action');
  const mpcs = byName(root, 'mpc');
  const securities = byName(root, 'security');
  const reliabilities = byName(root, 'reliability');
  const awareness = byName(root, 'receptionAwareness');
  const agreementRefs = byName(root, 'agreement');
  const bindings = new Map(all(root, 'binding').map((b) => [attr(b, 'name'), attr(b, 'value')]));
  const legs = byName(root, 'legConfiguration');

  const identify = (party: XmlElement) => {
    const identifier = all(party, 'identifier')[0];
    const type = partyIdTypes.get(attr(identifier, 'partyIdType'));
    return { partyId: attr(identifier, 'partyId') ?? attr(party, 'name') ?? '', ...(type ? { partyIdType: type } : {}) };
  };

  const selfParty = self ? parties.get(self) : undefined;
  if (!selfParty) notes.push(`The PMode names no configured party of its own ("${self ?? ''}"); the gateway's as4.partyId is left to you.`);
  const participants = [...parties.entries()]
    .filter(([name]) => name !== self)
    .map(([name, party]) => {
      const id = swgateId(name);
      const endpoint = attr(party, 'endpoint');
      return {
        id,
        kind: 'partner-customs',
        name,
        as4: {
          ...identify(party),
          ...(endpoint ? { endpoint } : {}),
          // The PMode keeps certificates in the truststore, not in itself: export each (keytool -exportcert -rfc) to this file.
          certificates: [{ file: `certs/as4/${id}.pem` }],
        },
      };
    });
  if (participants.length > 0)
    notes.push(
      `Certificates are not in a PMode: export each party's from the Domibus truststore (keytool -exportcert -rfc -alias <party>) to the file its as4.certificates names.`,
    );

  const agreements: Array<Record<string, unknown>> = [];
  for (const process of all(root, 'process')) {
    const processName = attr(process, 'name') ?? '';
    const initiators = all(process, 'initiatorParty').map((p) => attr(p, 'name'));
    if (self && !initiators.includes(self)) continue;
    const responders = all(process, 'responderParty')
      .map((p) => attr(p, 'name') ?? '')
      .filter((name) => name !== self && parties.has(name));
    const mode = BINDING_MODE[bindings.get(attr(process, 'binding')) ?? ''];
    if (!mode) {
      notes.push(`process "${processName}": binding "${attr(process, 'binding') ?? ''}" is neither push nor pull; its legs are left out.`);
      continue;
    }
    const agreementRef = attr(agreementRefs.get(attr(process, 'agreement') ?? ''), 'value');
    for (const legName of all(process, 'leg').map((l) => attr(l, 'name') ?? '')) {
      const leg = legs.get(legName);
      if (!leg) {
        notes.push(`process "${processName}": leg "${legName}" has no legConfiguration; left out.`);
        continue;
      }
      const policy = attr(securities.get(attr(leg, 'security') ?? ''), 'policy') ?? '';
      const security = SECURITY_OF_POLICY[policy];
      if (!security) {
        notes.push(
          `leg "${legName}": security "${attr(leg, 'security') ?? ''}" (${policy || 'no policy'}) neither signs and encrypts nor signs only, which the eDelivery AS4 profile requires; left out.`,
        );
        continue;
      }
      const service = services.get(attr(leg, 'service') ?? '');
      const action = attr(actions.get(attr(leg, 'action') ?? ''), 'value');
      if (!service || !action) {
        notes.push(`leg "${legName}": its service or action is not defined in the PMode; left out.`);
        continue;
      }
      const serviceType = attr(service, 'type');
      const replyPattern = attr(reliabilities.get(attr(leg, 'reliability') ?? ''), 'replyPattern');
      const retry = attr(awareness.get(attr(leg, 'receptionAwareness') ?? ''), 'retry');
      const retries = retry ? Number(retry.split(';')[1]) : Number.NaN;
      for (const responder of responders) {
        agreements.push({
          id: swgateId(`${legName}-to-${responder}`),
          description: `From the Domibus PMode: process ${processName}, leg ${legName}, to ${responder}.`,
          when: {},
          destination: swgateId(responder),
          format: 'wco-xml',
          transport: 'as4',
          as4: {
            service: attr(service, 'value') ?? '',
            ...(serviceType ? { serviceType } : {}),
            action,
            ...(agreementRef ? { agreementRef } : {}),
            mpc: attr(mpcs.get(attr(leg, 'defaultMpc') ?? ''), 'qualifiedName') ?? AS4_DEFAULT_MPC,
            mode,
            security,
            compression: attr(leg, 'compressPayloads') === 'true',
            receipt: replyPattern === 'callback' ? 'callback' : 'response',
          },
          // Domibus's "timeout;retries;strategy": the retries after the first attempt.
          ...(Number.isInteger(retries) && retries >= 0 ? { delivery: { attempts: Math.min(100, retries + 1), retry: 'automatic' } } : {}),
        });
      }
    }
  }
  if (agreements.length > 0) notes.push('Each agreement matches nothing yet (when: {}): say which documents go over it.');
  return {
    fragment: { ...(selfParty ? { as4: identify(selfParty) } : {}), participants, agreements },
    notes,
  };
}

/** The fragment as YAML to paste into the configuration, the notes as comments above it. */
export function pmodeYaml(imported: ImportedPmode): string {
  const comments = imported.notes.map((n) => `# ${n.replaceAll('\n', ' ')}`).join('\n');
  return `${comments ? `${comments}\n` : ''}${stringify(imported.fragment, { lineWidth: 0 })}`;
}

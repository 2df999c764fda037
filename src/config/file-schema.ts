import { HUB_DELIVER_OPERATIONS, PARTICIPANT_KINDS, TRANSPORTS } from './types.js';

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

const deliveryPolicy = {
  type: 'object',
  additionalProperties: false,
  properties: {
    attempts: { type: 'integer', minimum: 1, maximum: 100 },
    backoffMs: { type: 'integer', minimum: 0 },
    timeoutMs: { type: 'integer', minimum: 100 },
    retry: { enum: ['automatic', 'never'] },
    ratePerSecond: { type: 'integer', minimum: 1 },
    // A second at least (the reconciler looks every few seconds); a week at most.
    receiptTimeoutMs: { type: 'integer', minimum: 1000, maximum: 604_800_000 },
  },
} as const;

// URIs and tokens as ebMS3 carries them: visible characters, bounded (an eb:PartyId is a string, a role or MPC a URI).
const as4Token = { type: 'string', pattern: '^[\\x21-\\x7E]{1,255}$' } as const;
const as4Uri = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9+.-]*:[\\x21-\\x7E]{1,250}$' } as const;
const isoDateTime = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$' } as const;

const as4Party = {
  type: 'object',
  additionalProperties: false,
  // certificates: required outside the sandbox (load.ts); there, the participant's sandbox RSA certificate.
  required: ['partyId'],
  properties: {
    partyId: as4Token,
    partyIdType: as4Uri,
    role: as4Uri,
    endpoint: { type: 'string', pattern: '^https?://.+' },
    certificates: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file'],
        properties: { file: { type: 'string', minLength: 1, maxLength: 4096 }, notBefore: isoDateTime, notAfter: isoDateTime },
      },
    },
  },
} as const;

const as4Leg = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'action'],
  properties: {
    service: as4Token,
    serviceType: as4Token,
    action: as4Token,
    agreementRef: as4Token,
    mpc: as4Uri,
    mode: { enum: ['push', 'pull'] },
    security: { enum: ['sign-encrypt', 'sign-only'] },
    compression: { type: 'boolean' },
    receipt: { enum: ['response', 'callback'] },
  },
} as const;

/** JSON Schema of the YAML configuration file (participants, agreements, delivery defaults). */
export const configFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['participants', 'agreements'],
  properties: {
    // The gateway as an AS4 party (eb:From of what it sends, eb:To of what it takes at POST /as4).
    as4: {
      type: 'object',
      additionalProperties: false,
      required: ['partyId'],
      properties: { partyId: as4Token, partyIdType: as4Uri, role: as4Uri, messageIdDomain: { type: 'string', pattern: '^[A-Za-z0-9.-]{1,253}$' } },
    },
    // Values the mappings' specs declare as parameters (`$param.<name>`), e.g. homeCountry; each spec checks its own against a pattern.
    mappingParameters: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 256 },
    },
    risk: {
      type: 'object',
      additionalProperties: false,
      properties: {
        // Relative to the configuration file's folder.
        modelDir: { type: 'string', minLength: 1, maxLength: 4096 },
        // The YAML profiles loaded at start, `<profilesDir>/<owner>/*.yaml`, relative to this file (default: risk-profiles beside it).
        profilesDir: { type: 'string', minLength: 1, maxLength: 4096 },
        // Per owner: at most 3 bands (one per lane), each from a score in [0, 1].
        scoreBands: {
          type: 'object',
          propertyNames: { pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
          additionalProperties: {
            type: 'array',
            maxItems: 3,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['from', 'lane'],
              properties: { from: { type: 'number', minimum: 0, maximum: 1 }, lane: { enum: ['green', 'yellow', 'red'] } },
            },
          },
        },
      },
    },
    participants: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'name'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
          kind: { enum: [...PARTICIPANT_KINDS] },
          name: { type: 'string', minLength: 1 },
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          apiKeySha256: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          certificateFingerprints: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          endpoint: { type: 'string', pattern: '^(sandbox|https?://.+)$' },
          endpointTls: {
            type: 'object',
            additionalProperties: false,
            properties: { cert: { type: 'string' }, key: { type: 'string' }, ca: { type: 'string' } },
          },
          operator: { type: 'boolean' },
          wcoNamespaces: {
            type: 'object',
            additionalProperties: false,
            required: ['metadata', 'declaration'],
            properties: { metadata: { type: 'string', minLength: 1 }, declaration: { type: 'string', minLength: 1 } },
          },
          trust: {
            type: 'object',
            additionalProperties: false,
            properties: {
              pinned: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['certificate'],
                  additionalProperties: false,
                  properties: { certificate: { type: 'string' }, acceptFrom: { type: 'string' }, acceptUntil: { type: 'string' } },
                },
              },
              anchors: stringList,
              intermediates: stringList,
              retired: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
              crls: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    file: { type: 'string' },
                    url: { type: 'string', pattern: '^https?://.+' },
                    refreshSeconds: { type: 'integer', minimum: 1 },
                    allowPrivateAddresses: { type: 'boolean' },
                  },
                },
              },
              ocsp: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  url: { type: 'string', pattern: '^https?://.+' },
                  allowedUrls: { type: 'array', maxItems: 100, items: { type: 'string', pattern: '^https?://.+' } },
                  allowPrivateAddresses: { type: 'boolean' },
                  timeoutMs: { type: 'integer', minimum: 100, maximum: 60000 },
                  cacheSeconds: { type: 'integer', minimum: 0, maximum: 86400 },
                  negativeCacheSeconds: { type: 'integer', minimum: 0, maximum: 3600 },
                  certIdHash: { enum: ['sha1', 'sha256'] },
                },
              },
              unknownRevocation: { enum: ['fail-closed', 'allow-unknown'] },
            },
          },
          actsFor: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'as'],
              // EORI (country code + up to 15 characters) or another trader identifier: visible ASCII, as WCO DM an..35.
              properties: { id: { type: 'string', pattern: '^[\\x21-\\x7E]{1,35}$' }, as: { enum: ['declarant', 'representative'] } },
            },
          },
          issues: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['documentCodes', 'inNameOf'],
              properties: {
                documentCodes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z0-9]{4}$' } },
                inNameOf: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['country'],
                    properties: { country: { type: 'string', pattern: '^[A-Z]{2}$' }, agency: { type: 'string', minLength: 1, maxLength: 512 } },
                  },
                },
              },
            },
          },
          as4: as4Party,
          webhook: {
            type: 'object',
            additionalProperties: false,
            required: ['url', 'secret'],
            properties: { url: { type: 'string', pattern: '^https?://.+' }, secret: { type: 'string', minLength: 16 } },
          },
        },
      },
    },
    deliveryDefaults: deliveryPolicy,
    // The guarantee ledger of the offices of departure (docs/TRANSIT.md); check digits and
    // amounts are checked again, whole, when the gateway starts (src/transit/guarantees.ts).
    transit: {
      type: 'object',
      additionalProperties: false,
      properties: {
        guarantees: {
          type: 'array',
          maxItems: 10_000,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['grn', 'referenceAmount', 'currency'],
            properties: {
              grn: { type: 'string', pattern: '^[0-9]{2}[A-Z]{2}[A-Z0-9]{12}[0-9]([A-Z][0-9]{6})?$' },
              // A string, never a YAML number: amounts are exact (at most two decimals).
              referenceAmount: { type: 'string', pattern: '^(0|[1-9][0-9]{0,13})(\\.[0-9]{1,2})?$' },
              currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            },
          },
        },
        // Sandbox: what a well-formed GRN the ledger does not know covers, in the movement's currency; unset: such a GRN is unknown (G01).
        unknownGrnCover: { type: 'string', pattern: '^(0|[1-9][0-9]{0,13})(\\.[0-9]{1,2})?$' },
      },
    },
    // --- The IPPC ePhyto Hub connector (README, "Partner channels") ---
    ephytoHub: {
      type: 'object',
      additionalProperties: false,
      required: ['participant', 'country'],
      properties: {
        participant: {
          type: 'string',
          minLength: 1,
          description: 'the participant standing for the hub: its endpoint (URL or sandbox) and endpointTls (the NPPO client certificate)',
        },
        country: { type: 'string', pattern: '^[A-Z]{2}$', description: "this NPPO's country code on the hub" },
        deliverWith: {
          enum: [...HUB_DELIVER_OPERATIONS],
          description: 'the hub operation certificates are delivered with (default ValidateAndDeliverEnvelope)',
        },
        content: { enum: ['raw', 'base64'], description: 'the certificate in Content as XML text (default) or base64' },
        pullEveryMs: { type: 'integer', minimum: 1000, maximum: 86_400_000, description: 'pull import envelopes this often; absent: no pulling' },
        trackEveryMs: { type: 'integer', minimum: 1000, maximum: 86_400_000, description: 'ask the hub about pending deliveries this often (default 30000)' },
        timeoutMs: {
          type: 'integer',
          minimum: 100,
          maximum: 600_000,
          description: 'each pull, acknowledgement or tracking call gives up after this (default 30000)',
        },
        maxEnvelopeBytes: { type: 'integer', minimum: 1024, maximum: 104_857_600, description: 'the largest certificate delivered or pulled (default 10 MiB)' },
      },
    },
    mutualRecognition: {
      type: 'object',
      additionalProperties: false,
      properties: {
        arrangements: {
          type: 'array',
          maxItems: 200,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['partner', 'aeo', 'controlResults'],
            properties: {
              partner: { type: 'string', minLength: 1 },
              aeo: { type: 'boolean' },
              controlResults: { type: 'boolean' },
              since: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' },
            },
          },
        },
      },
    },
    agreements: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'when', 'destination', 'format'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
          description: { type: 'string' },
          when: {
            type: 'object',
            additionalProperties: false,
            properties: {
              documentKinds: stringList,
              senderKinds: { type: 'array', items: { enum: [...PARTICIPANT_KINDS] } },
              hsChapters: { type: 'array', items: { type: 'string', pattern: '^[0-9]{2}$' } },
              hsHeadings: { type: 'array', items: { type: 'string', pattern: '^[0-9]{4}$' } },
              declarationDirections: { type: 'array', items: { enum: ['import', 'export', 'other'] } },
              procedureCodes: stringList,
              destinationCountries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
              exportCountries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
              citedDocumentCodes: { type: 'array', items: { type: 'string', pattern: '^[A-Z0-9]{4}$' } },
            },
          },
          destination: { type: 'string' },
          format: {
            enum: ['wco-xml', 'wco-json', 'json', 'sps-xml', 'lpco-json', 'ctc-xml'],
            description:
              'wco-xml or wco-json (converted as needed); with a mapping, what it writes: json, sps-xml or lpco-json (a mapping writing WCO JSON may go as wco-xml); ctc-xml: a CTC phase 5 transit message as it came',
          },
          mapping: { type: 'string' },
          signing: { enum: ['ecdsa-p256', 'rsa-sha256'] },
          transport: {
            enum: [...TRANSPORTS],
            description: 'swgate (default): the signed envelope over HTTP; as4: eDelivery AS4; ephyto-hub: the IPPC ePhyto Hub',
          },
          as4: as4Leg,
          delivery: deliveryPolicy,
        },
      },
    },
  },
} as const;

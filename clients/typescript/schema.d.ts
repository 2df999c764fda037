// Generated from openapi/openapi.json by openapi-typescript (npm run client). Do not edit.
export interface paths {
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (operators; anyone when SWGATE_METRICS_PUBLIC=true) */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process answers */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Redis and the database answer
         * @description Each check is "ok" or "failing"; an operator that sends its credentials also sees why a check fails (error text can name internal hosts, so anonymous callers do not).
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An exchange as the caller may see it: the whole of it for its sender and operators, its own delivery for a destination */
        get: operations["getExchange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's exchanges, newest first: those it sent, and those it receives (as their destination sees them); operators every exchange. Searchable by reference, parties, status, kind and time */
        get: operations["listExchanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{id}/provenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PROV records of the exchange's events the caller may see (all for its sender and operators, its own delivery's for a destination), each with the salt that opens its commitment in the log and an inclusion proof against a signed checkpoint: verify offline with `swgate verify` */
        get: operations["getExchangeProvenance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{id}/documents/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored document of the exchange: the original, or a mapped or signed output (a destination: only what it was sent) */
        get: operations["getExchangeDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{id}/risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The targeting decision on a declaration: for customs every hit, the score, the model version and a consignment's link findings; for a PGA the exchange is routed to, the lane and its own hits. Anyone else: 403 (the sender sees the lane as `control` on the exchange), or 404 when the exchange is not visible to it */
        get: operations["getExchangeRisk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint (JSON, or the C2SP signed note for Accept: text/plain) */
        get: operations["getCheckpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed checkpoints the gateway has published, largest tree first: an older one to ask a consistency proof from */
        get: operations["listCheckpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/entries/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A log entry: its leaf hash and leaf input (a salted commitment); the PROV record and salt too for a party allowed to see the record, or an operator */
        get: operations["getLogEntry"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit path of an entry in the tree of a given size (RFC 9162 §2.1.3) */
        get: operations["getInclusionProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Proof that the tree of size `to` extends the tree of size `from` (RFC 9162 §2.1.4) */
        get: operations["getConsistencyProof"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/log/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The checkpoint signing key (PEM, SubjectPublicKeyInfo) */
        get: operations["getLogPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lpcos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The e-LPCOs the caller may read, newest registered first: status, lines and remaining quantities (history: GET /v1/lpcos/{id}) */
        get: operations["listLpcos"];
        put?: never;
        /**
         * Lodge an e-LPCO (licence, permit, certificate): registered with the sender as issuer, then routed
         * @description Answers 202 once the document is read, validated, routed by the agreements and its deliveries are queued. Follow it at links.self.
         */
        post: operations["lodgeLpco"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lpcos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An e-LPCO in the registry: status, remaining quantity per line, history */
        get: operations["getLpco"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/lpcos/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The issuer revokes, withdraws or expires its e-LPCO */
        post: operations["changeLpcoStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/risk/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's risk profiles, by id */
        get: operations["listRiskProfiles"];
        put?: never;
        /** A new risk profile of the caller (customs, PGAs): applies to every declaration received after its 201 */
        post: operations["createRiskProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/risk/profiles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller's risk profiles, with its stats and versions */
        get: operations["getRiskProfile"];
        /** Changes one of the caller's risk profiles: a new version, unless nothing changed */
        put: operations["replaceRiskProfile"];
        post?: never;
        /** Deletes one of the caller's risk profiles (its versions stay, and the deletion is one) */
        delete: operations["deleteRiskProfile"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ecommerce/links/{trackingNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A parcel's linked e-commerce sources and the gaps between them (customs only) */
        get: operations["getEcommerceLink"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/acknowledgements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A destination's receipt for a delivery it answered with 202
         * @description Only the destination of the delivery may acknowledge it, and only with the SHA-256 of exactly the bytes it was sent. Repeating the same acknowledgement is harmless; changing it is a 409.
         */
        post: operations["acknowledgeDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{id}/deliveries/{destination}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-queue a failed delivery (operators) */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries in the given statuses (default failed, retrying, queued), newest exchange first (operators) */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per destination: its deliveries by status, and its queue's jobs (failed: dead letters) (operators) */
        get: operations["summariseDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deliveries/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-queue failed deliveries, 1 to 500 at once, each as POST /v1/exchanges/{id}/deliveries/{destination}/retry would (operators) */
        post: operations["retryDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{id}/control-results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An exchange's control results, oldest first
         * @description Customs (every controller’s results) and the agencies the exchange was routed to (their own); the sender and anyone else who knows the exchange get 403 (control findings are confidential), anyone else 404.
         */
        get: operations["listControlResults"];
        put?: never;
        /**
         * Record what a control of the declared goods found
         * @description Stored and logged (a `controlled` provenance record under the result's own id) in one commit, or refused with nothing written. Customs (every controller’s results) and the agencies the exchange was routed to (their own); the sender and anyone else who knows the exchange get 403 (control findings are confidential), anyone else 404.
         */
        post: operations["recordControlResult"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/aeo/authorisations/{operatorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An operator's authorisation in customs' register with every version, and what recognised or other partners state of it */
        get: operations["getAeoAuthorisation"];
        /**
         * Grant, suspend or revoke an operator's AEO authorisation in customs' own register
         * @description Each change is a new version, kept, and logged (`aeo-changed`) in the same commit; repeating the current statement changes nothing. It counts for the `aeo` fact of the next declaration. Customs only.
         */
        put: operations["putAeoAuthorisation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/aeo/authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customs' own register, by operator id */
        get: operations["listAeoAuthorisations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/departures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your departure movements, newest first */
        get: operations["listDepartures"];
        put?: never;
        /**
         * Lodge a CC015C departure declaration: a new departure movement
         * @description The CC015C departure declaration; customs' answers follow as messages of the movement. Answers 202 once the message is read, validated against its CTC phase 5 XSD and the movement's state, stored and logged. Refusals: 400 when it cannot be read, is not a message of this route or the movement's state does not take it; 422 when it breaks its schema (each finding with NCTS `errorPointer` and `errorCode`).
         */
        post: operations["lodgeDeparture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/departures/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A departure movement: its references, state and times */
        get: operations["getDeparture"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/departures/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The messages of a departure movement, oldest first (both ways) */
        get: operations["listDepartureMessages"];
        put?: never;
        /**
         * Send a message of a departure movement: CC013C amendment, CC014C invalidation request or CC170C presentation notification
         * @description A CC013C amendment, CC014C invalidation request or CC170C presentation notification of one of your movements. Answers 202 once the message is read, validated against its CTC phase 5 XSD and the movement's state, stored and logged. Refusals: 400 when it cannot be read, is not a message of this route or the movement's state does not take it; 422 when it breaks its schema (each finding with NCTS `errorPointer` and `errorCode`).
         */
        post: operations["lodgeDepartureMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/departures/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message of the movement: the bare CCnnnC document (application/xml) */
        get: operations["getDepartureMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/arrivals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your arrival movements, newest first */
        get: operations["listArrivals"];
        put?: never;
        /**
         * Lodge a CC007C arrival notification: a new arrival movement
         * @description The CC007C arrival notification; customs' answers follow as messages of the movement. Answers 202 once the message is read, validated against its CTC phase 5 XSD and the movement's state, stored and logged. Refusals: 400 when it cannot be read, is not a message of this route or the movement's state does not take it; 422 when it breaks its schema (each finding with NCTS `errorPointer` and `errorCode`).
         */
        post: operations["lodgeArrival"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/arrivals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A arrival movement: its references, state and times */
        get: operations["getArrival"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/arrivals/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The messages of a arrival movement, oldest first (both ways) */
        get: operations["listArrivalMessages"];
        put?: never;
        /**
         * Send a message of a arrival movement: CC044C unloading remarks
         * @description A CC044C unloading remarks of one of your movements. Answers 202 once the message is read, validated against its CTC phase 5 XSD and the movement's state, stored and logged. Refusals: 400 when it cannot be read, is not a message of this route or the movement's state does not take it; 422 when it breaks its schema (each finding with NCTS `errorPointer` and `errorCode`).
         */
        post: operations["lodgeArrivalMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/arrivals/{id}/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message of the movement: the bare CCnnnC document (application/xml) */
        get: operations["getArrivalMessage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/movements/overdue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Released departures past their time limit with no arrival, flagged for an enquiry (customs only) */
        get: operations["listOverdueMovements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/participants/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the credentials belong to */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the caller may send, and where each document goes; operators every agreement, with its transport and whole delivery policy */
        get: operations["listAgreements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every participant: kind, endpoint, the agreements it receives under, and each certificate the gateway holds for it, with its expiry (operators) */
        get: operations["listParticipants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/participants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One participant as GET /v1/participants has it (operators) */
        get: operations["getParticipant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A metric per period for each group of goods items (customs; a PGA over what was delivered to it) */
        get: operations["getTrends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The weekly cells (origin × commodity) that break from their own baseline, strongest first
         * @description Surges and drops in declarations or customs value, shifts in unit value, over the weeks of the range that have ended (default: the last 12 weeks); at most 1,000. The method: ANALYTICS.md.
         */
        get: operations["getAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/countries/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a country sends (as origin), by commodity, largest customs value first
         * @description Over all the data unless from and to say otherwise; at most 1,000 commodities.
         */
        get: operations["getCountryProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/time-release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Time-release figures per destination and day lodged: count, median and 90th percentile of lodged → delivered and lodged → final, shares rejected and failed (operators; CSV with Accept: text/csv) */
        get: operations["getTimeRelease"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/network": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The parties linked to one party, up to 3 links away and 500 parties, strongest links first (customs only) */
        get: operations["getPartyNetwork"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/misclassifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Goods items whose description points with confidence to another HS chapter than declared (customs only) */
        get: operations["getMisclassifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sandbox/destinations/{participant}/received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What a simulated destination received (the participant itself or an operator) */
        get: operations["listSandboxReceived"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/declarations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lodge a declaration (WCO DM XML or WCO JSON)
         * @description Answers 202 once the document is read, validated, routed by the agreements and its deliveries are queued. Follow it at links.self.
         */
        post: operations["lodgeDeclaration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lodge e-commerce advance data (order, payment, shipping): routed as the low-value declaration made of it
         * @description Answers 202 once the document is read, validated, routed by the agreements and its deliveries are queued. Follow it at links.self.
         */
        post: operations["lodgeConsignment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A partner gateway's signed envelope (XML-DSig as application/xml, JWS as application/jose)
         * @description Verified against the sending partner's own trust store; the payload is read only from what was signed, then validated and routed like any document. The envelope's MessageId is the idempotency key. The answer carries the gateway's signed receipt (compact JWS) for the SHA-256 of exactly the bytes received.
         */
        post: operations["receiveEnvelope"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/as4": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * eDelivery AS4 access point: a UserMessage, a PullRequest or a Receipt signal from a configured AS4 partner
         * @description SOAP 1.2 with attachments (multipart/related) or a bare SOAP envelope. Signed (WS-Security 1.1.1, RSA-SHA256) by a certificate the sending party's configuration lists for the message's time; attachments encrypted for this gateway (AES-128-GCM, RSA-OAEP-SHA256) and gzip-compressed as the agreement says. A UserMessage is answered with the signed non-repudiation Receipt; a copy of one already received (same MessageId) gets the same Receipt and is not processed again. A PullRequest is answered with the oldest UserMessage waiting on its MPC, or EBMS:0006. Failures are ebMS Error signals with their code (EBMS:0101 authentication, 0102 decryption, 0103 policy, 0303 decompression, 0004 a document the gateway refused).
         */
        post: operations["receiveAs4"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/partner-messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A partner customs' signed message under a mutual recognition arrangement: a control result of its export, or AEO statuses of its operators
         * @description A JWS envelope (application/jose) whose header.documentKind is `control-result` (payload: PartnerControlResult) or `aeo-status` (payload: PartnerAeoStatus). Verified against the partner's own trust store, addressed to this gateway, created within 15 minutes; refused unless an arrangement with the partner is configured and covers the kind. The envelope's MessageId is the idempotency key. The answer carries the gateway's signed receipt.
         */
        post: operations["receivePartnerMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validate a document without sending it: findings only, nothing stored */
        post: operations["validateDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/routing/try": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Where a document would go, in which format, with which mapping, and why: read and routed as lodging would, nothing stored
         * @description Refused as its lodging route's reader would refuse it (400, 403, 413, 415, 422 with findings); what lodging checks only as it stores (e-LPCO citations against the registry, registration, Idempotency-Key) is not checked. Operators may try it as another participant would send it (`sender`) and see every agreement with its transport; any other participant sees only the agreements GET /v1/agreements shows it, without transport.
         */
        post: operations["tryRouting"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sandbox/destinations/{participant}/as4": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A simulated partner's AS4 access point receiving one of the gateway's AS4 deliveries; answers with its signed Receipt
         * @description Only for the gateway's delivery workers (x-swgate-sandbox-key). The same scenarios as the deliveries route: reject answers an ebMS Error (EBMS:0003), fail-once and fail-always 503.
         */
        post: operations["receiveSandboxAs4"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sandbox/destinations/{participant}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A simulated agency receiving one of the gateway's deliveries; answers with its receipt
         * @description Only for the gateway's delivery workers: a request without the sandbox secret in x-swgate-sandbox-key is refused (401) and nothing is signed.
         */
        post: operations["receiveSandboxDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    exchangeEnded: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sent to the sender's webhook (participant `webhook.url`) when one of its exchanges ends
         * @description Signed with the participant's webhook secret: `X-Swgate-Signature: sha256=<hex>` is HMAC-SHA256 over `<X-Swgate-Timestamp>.<raw body>`. Verify it over the raw bytes with a constant-time comparison and refuse old timestamps (replays); examples in clients/webhooks/. A non-2xx answer is retried with exponential backoff (8 attempts); the same exchange and status is notified at most once.
         */
        post: operations["exchangeEnded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    analyticsAlert: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sent to each customs participant's webhook when the hourly alert scan finds a break not told before (ANALYTICS.md)
         * @description Signed and retried like exchangeEnded; each alert (kind, origin, commodity, week) is told once. The same alerts are listed by GET /v1/analytics/alerts.
         */
        post: operations["analyticsAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    movementMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sent to a movement owner's webhook for each message customs adds to the movement (docs/TRANSIT.md)
         * @description Signed and retried like exchangeEnded; each message is told once. Fetch the message itself at `links.message`.
         */
        post: operations["movementMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    delivery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a destination endpoint (participant `endpoint`) receives for each delivery, and must answer
         * @description The document in the form the agreement names (WCO DM XML, WCO JSON, an agency JSON made by a mapping, SPS XML), sealed in a signed envelope when the agreement asks for signing (XML-DSig as application/xml, JWS as application/jose). The same bytes, message id and digest on every retry.
         *
         *     The answer decides the delivery:
         *     - 200 or 201 with a receipt (JSON `Receipt`, or a compact JWS `typ: swgate-receipt+jws` as application/jose, required when the gateway holds a trust store for the destination) for the SHA-256 of exactly the bytes received: acknowledged (or rejected, by the receipt's status);
         *     - 202 with no receipt (or `{"status":"pending"}`): delivered; the destination acknowledges later with POST /v1/acknowledgements and the message id;
         *     - 4xx other than 408 and 429: refused; problem+json `findings` are kept as the reason;
         *     - 408, 429, 5xx or no answer: retried with backoff, then failed.
         */
        post: operations["receiveDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description RFC 9457 problem details (application/problem+json) */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            findings: {
                /** @enum {string} */
                severity: "error" | "warning" | "info";
                code: string;
                message: string;
                /** @description JSON pointer into the document */
                path: string;
                xpath?: string;
            }[];
        };
        /** @description A receipt: what the receiving side states about exactly the bytes it received */
        Receipt: {
            messageId: string;
            /** @description Who issues the receipt */
            from: string;
            /** @description Whom it is for */
            to: string;
            /** @enum {string} */
            status: "accepted" | "accepted-with-warnings" | "rejected";
            /** @description SHA-256 (hex) of the bytes exactly as received */
            receivedSha256: string;
            /** Format: date-time */
            receivedAt: string;
            findings: {
                /** @enum {string} */
                severity: "error" | "warning" | "info";
                code: string;
                message: string;
                /** @description JSON pointer into the document */
                path: string;
                xpath?: string;
            }[];
        };
        ExchangeNotification: {
            /** @enum {string} */
            event: "exchange.ended";
            exchangeId: string;
            /** @description The exchange's final status */
            status: string;
            /** Format: date-time */
            at: string;
        };
        AlertNotification: {
            /** @enum {string} */
            event: "analytics.alert";
            alert: {
                /** @enum {string} */
                kind: "count-surge" | "count-drop" | "value-surge" | "value-drop" | "unit-value-shift";
                origin: string;
                commodity: string;
                /** @description ISO week */
                period: string;
                observed: number;
                expected: number;
                score: number;
            };
            /** Format: date-time */
            at: string;
        };
        MovementNotification: {
            /** @enum {string} */
            event: "movement.message";
            movementId: string;
            messageId: string;
            /** @description IE928, IE028, IE029 … (docs/TRANSIT.md) */
            type: string;
            /** Format: date-time */
            at: string;
            links: {
                movement: string;
                message: string;
            };
        };
        /** @description WCO JSON, generated from test/fixtures/wco-dm/xsd/customs-declarations/customs/wrapper_submit.xsd (hmrc/customs-declarations v3.0 wrapper_submit.xsd: MetaData (DocumentMetaData-DMS 2.1) + Declaration (DEC-DMS 2.15)). Do not edit: run npm run generate:wco. */
        WcoDeclaration: {
            $defs: {
                MetaData: {
                    WCODataModelVersionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["MetaDataWCODataModelVersionCodeType"];
                    WCOTypeName?: components["schemas"]["WcoDeclaration"]["$defs"]["MetaDataWCOTypeNameTextType"];
                    ResponsibleCountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["MetaDataResponsibleCountryCodeType"];
                    ResponsibleAgencyName?: components["schemas"]["WcoDeclaration"]["$defs"]["MetaDataResponsibleAgencyNameTextType"];
                    AgencyAssignedCustomizationCode?: components["schemas"]["WcoDeclaration"]["$defs"]["MetaDataAgencyAssignedCustomizationCodeType"];
                    AgencyAssignedCustomizationVersionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["MetaDataAgencyAssignedCustomizationVersionCodeType"];
                    Declaration?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration"];
                    "xsi:schemaLocation"?: string;
                } & unknown;
                MetaDataWCODataModelVersionCodeType: unknown;
                "xs.token": string;
                "xs.string": string;
                AgencyIdentificationCodeContentType: string;
                "xs.anyURI": string;
                MetaDataWCOTypeNameTextType: unknown;
                MetaDataResponsibleCountryCodeType: unknown;
                MetaDataResponsibleCountryCodeContentType: string;
                MetaDataResponsibleAgencyNameTextType: unknown;
                MetaDataAgencyAssignedCustomizationCodeType: unknown;
                MetaDataAgencyAssignedCustomizationVersionCodeType: unknown;
                Declaration: {
                    AcceptanceDateTime?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationAcceptanceDateTimeType"];
                    FunctionCode: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationFunctionCodeType"];
                    FunctionalReferenceID?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationFunctionalReferenceIDType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationIdentificationIDType"];
                    IssueDateTime?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationIssueDateTimeType"];
                    IssueLocationID?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationIssueLocationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationTypeCodeType"];
                    GoodsItemQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationGoodsItemQuantityType"];
                    DeclarationOfficeID?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationDeclarationOfficeIDType"];
                    InvoiceAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationInvoiceAmountType"];
                    LoadingListQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationLoadingListQuantityType"];
                    TotalGrossMassMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationTotalGrossMassMeasureType"];
                    TotalPackageQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationTotalPackageQuantityType"];
                    SpecificCircumstancesCodeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationSpecificCircumstancesCodeCodeType"];
                    Authentication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Authentication"];
                    Submitter?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Submitter"];
                    AdditionalDocument?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.AdditionalDocument"][];
                    AdditionalInformation?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.AdditionalInformation"][];
                    Agent?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Agent"];
                    Amendment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Amendment"][];
                    AuthorisationHolder?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.AuthorisationHolder"][];
                    BorderTransportMeans?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.BorderTransportMeans"];
                    Consignment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment"];
                    CurrencyExchange?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.CurrencyExchange"][];
                    Declarant?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Declarant"];
                    ExitOffice?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.ExitOffice"];
                    Exporter?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Exporter"];
                    GoodsShipment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment"];
                    ObligationGuarantee?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.ObligationGuarantee"][];
                    PresentationOffice?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.PresentationOffice"];
                    SupervisingOffice?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.SupervisingOffice"];
                    "xsi:schemaLocation"?: string;
                };
                DeclarationAcceptanceDateTimeType: {
                    DateTimeString?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationAcceptanceDateTimeType.DateTimeString"];
                    "xsi:schemaLocation"?: string;
                } & unknown;
                "DeclarationAcceptanceDateTimeType.DateTimeString": {
                    value: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationAcceptanceDateTimeType.DateTimeString.value"];
                    formatCode: components["schemas"]["WcoDeclaration"]["$defs"]["FormatCodeType"];
                };
                FormatCodeType: string;
                "DeclarationAcceptanceDateTimeType.DateTimeString.value": string;
                DeclarationFunctionCodeType: unknown;
                "xs.language": string;
                "DeclarationFunctionCodeType.value": string;
                DeclarationFunctionalReferenceIDType: unknown;
                "DeclarationFunctionalReferenceIDType.value": string;
                DeclarationIdentificationIDType: unknown;
                "DeclarationIdentificationIDType.value": string;
                DeclarationIssueDateTimeType: {
                    DateTimeString?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationIssueDateTimeType.DateTimeString"];
                    "xsi:schemaLocation"?: string;
                } & unknown;
                "DeclarationIssueDateTimeType.DateTimeString": {
                    value: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarationIssueDateTimeType.DateTimeString.value"];
                    formatCode: components["schemas"]["WcoDeclaration"]["$defs"]["FormatCodeType"];
                };
                "DeclarationIssueDateTimeType.DateTimeString.value": string;
                DeclarationIssueLocationIdentificationIDType: unknown;
                "DeclarationIssueLocationIdentificationIDType.value": string;
                DeclarationTypeCodeType: unknown;
                "DeclarationTypeCodeType.value": string;
                DeclarationGoodsItemQuantityType: unknown;
                MeasurementUnitCommonCodeContentType: string;
                "DeclarationGoodsItemQuantityType.value": string;
                DeclarationDeclarationOfficeIDType: unknown;
                "DeclarationDeclarationOfficeIDType.value": string;
                DeclarationInvoiceAmountType: unknown;
                ISO3AlphaCurrencyCodeContentType: string;
                "DeclarationInvoiceAmountType.value": string;
                DeclarationLoadingListQuantityType: unknown;
                "DeclarationLoadingListQuantityType.value": string;
                DeclarationTotalGrossMassMeasureType: unknown;
                "DeclarationTotalGrossMassMeasureType.value": string;
                DeclarationTotalPackageQuantityType: unknown;
                "DeclarationTotalPackageQuantityType.value": string;
                DeclarationSpecificCircumstancesCodeCodeType: unknown;
                "DeclarationSpecificCircumstancesCodeCodeType.value": string;
                "Declaration.Authentication": {
                    Authentication?: components["schemas"]["WcoDeclaration"]["$defs"]["AuthenticationAuthenticationTextType"];
                    Authenticator?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Authentication.Authenticator"];
                    "xsi:schemaLocation"?: string;
                };
                AuthenticationAuthenticationTextType: unknown;
                "AuthenticationAuthenticationTextType.value": string;
                "Declaration.Authentication.Authenticator": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["AuthenticatorNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                AuthenticatorNameTextType: unknown;
                "AuthenticatorNameTextType.value": string;
                "Declaration.Submitter": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["SubmitterNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["SubmitterIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Submitter.Address"];
                    "xsi:schemaLocation"?: string;
                };
                SubmitterNameTextType: unknown;
                "SubmitterNameTextType.value": string;
                SubmitterIdentificationIDType: unknown;
                "SubmitterIdentificationIDType.value": string;
                "Declaration.Submitter.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                AddressCityNameTextType: unknown;
                "AddressCityNameTextType.value": string;
                AddressCountryCodeType: unknown;
                "AddressCountryCodeType.value": string;
                AddressCountrySubDivisionCodeType: unknown;
                "AddressCountrySubDivisionCodeType.value": string;
                AddressCountrySubDivisionNameTextType: unknown;
                "AddressCountrySubDivisionNameTextType.value": string;
                AddressLineTextType: unknown;
                "AddressLineTextType.value": string;
                AddressPostcodeIDType: unknown;
                "AddressPostcodeIDType.value": string;
                "Declaration.AdditionalDocument": {
                    CategoryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentCategoryCodeType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                AdditionalDocumentCategoryCodeType: unknown;
                "AdditionalDocumentCategoryCodeType.value": string;
                AdditionalDocumentIdentificationIDType: unknown;
                "AdditionalDocumentIdentificationIDType.value": string;
                AdditionalDocumentTypeCodeType: unknown;
                "AdditionalDocumentTypeCodeType.value": string;
                "Declaration.AdditionalInformation": {
                    StatementCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalInformationStatementCodeType"];
                    StatementDescription?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalInformationStatementDescriptionTextType"];
                    StatementTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalInformationStatementTypeCodeType"];
                    Pointer?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.AdditionalInformation.Pointer"][];
                    "xsi:schemaLocation"?: string;
                };
                AdditionalInformationStatementCodeType: unknown;
                "AdditionalInformationStatementCodeType.value": string;
                AdditionalInformationStatementDescriptionTextType: unknown;
                "AdditionalInformationStatementDescriptionTextType.value": string;
                AdditionalInformationStatementTypeCodeType: unknown;
                "AdditionalInformationStatementTypeCodeType.value": string;
                "Declaration.AdditionalInformation.Pointer": {
                    SequenceNumeric?: components["schemas"]["WcoDeclaration"]["$defs"]["PointerSequenceNumericType"];
                    DocumentSectionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PointerDocumentSectionCodeType"];
                    TagID?: components["schemas"]["WcoDeclaration"]["$defs"]["PointerTagIDType"];
                    "xsi:schemaLocation"?: string;
                };
                PointerSequenceNumericType: string;
                PointerDocumentSectionCodeType: unknown;
                "PointerDocumentSectionCodeType.value": string;
                PointerTagIDType: unknown;
                "PointerTagIDType.value": string;
                "Declaration.Agent": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["AgentNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["AgentIdentificationIDType"];
                    FunctionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AgentFunctionCodeType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Agent.Address"];
                    "xsi:schemaLocation"?: string;
                };
                AgentNameTextType: unknown;
                "AgentNameTextType.value": string;
                AgentIdentificationIDType: unknown;
                "AgentIdentificationIDType.value": string;
                AgentFunctionCodeType: unknown;
                "AgentFunctionCodeType.value": string;
                "Declaration.Agent.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Amendment": {
                    ChangeReasonCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AmendmentChangeReasonCodeType"];
                    Pointer?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Amendment.Pointer"][];
                    "xsi:schemaLocation"?: string;
                };
                AmendmentChangeReasonCodeType: unknown;
                "AmendmentChangeReasonCodeType.value": string;
                "Declaration.Amendment.Pointer": {
                    SequenceNumeric?: components["schemas"]["WcoDeclaration"]["$defs"]["PointerSequenceNumericType"];
                    DocumentSectionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PointerDocumentSectionCodeType"];
                    TagID?: components["schemas"]["WcoDeclaration"]["$defs"]["PointerTagIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.AuthorisationHolder": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["AuthorisationHolderIdentificationIDType"];
                    CategoryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AuthorisationHolderCategoryCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                AuthorisationHolderIdentificationIDType: unknown;
                "AuthorisationHolderIdentificationIDType.value": string;
                AuthorisationHolderCategoryCodeType: unknown;
                "AuthorisationHolderCategoryCodeType.value": string;
                "Declaration.BorderTransportMeans": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["BorderTransportMeansNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["BorderTransportMeansIdentificationIDType"];
                    IdentificationTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["BorderTransportMeansIdentificationTypeCodeType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["BorderTransportMeansTypeCodeType"];
                    RegistrationNationalityCode?: components["schemas"]["WcoDeclaration"]["$defs"]["BorderTransportMeansRegistrationNationalityCodeType"];
                    ModeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["BorderTransportMeansModeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                BorderTransportMeansNameTextType: unknown;
                "BorderTransportMeansNameTextType.value": string;
                BorderTransportMeansIdentificationIDType: unknown;
                "BorderTransportMeansIdentificationIDType.value": string;
                BorderTransportMeansIdentificationTypeCodeType: unknown;
                "BorderTransportMeansIdentificationTypeCodeType.value": string;
                BorderTransportMeansTypeCodeType: unknown;
                "BorderTransportMeansTypeCodeType.value": string;
                BorderTransportMeansRegistrationNationalityCodeType: unknown;
                "BorderTransportMeansRegistrationNationalityCodeType.value": string;
                BorderTransportMeansModeCodeType: unknown;
                "BorderTransportMeansModeCodeType.value": string;
                "Declaration.Consignment": {
                    Carrier?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Carrier"];
                    ConsignmentItem?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.ConsignmentItem"][];
                    Consignor?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Consignor"];
                    Freight?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Freight"];
                    Itinerary?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Itinerary"][];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Consignment.Carrier": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["CarrierNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CarrierIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Carrier.Address"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Carrier.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                CarrierNameTextType: unknown;
                "CarrierNameTextType.value": string;
                CarrierIdentificationIDType: unknown;
                "CarrierIdentificationIDType.value": string;
                "Declaration.Consignment.Carrier.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Consignment.Carrier.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                CommunicationIdentificationIDType: unknown;
                "CommunicationIdentificationIDType.value": string;
                CommunicationTypeCodeType: unknown;
                "CommunicationTypeCodeType.value": string;
                "Declaration.Consignment.ConsignmentItem": {
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignmentItemSequenceNumericType"];
                    Consignor?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.ConsignmentItem.Consignor"];
                    Freight?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.ConsignmentItem.Freight"];
                    "xsi:schemaLocation"?: string;
                };
                ConsignmentItemSequenceNumericType: string;
                "Declaration.Consignment.ConsignmentItem.Consignor": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.ConsignmentItem.Consignor.Address"];
                    "xsi:schemaLocation"?: string;
                };
                ConsignorNameTextType: unknown;
                "ConsignorNameTextType.value": string;
                ConsignorIdentificationIDType: unknown;
                "ConsignorIdentificationIDType.value": string;
                "Declaration.Consignment.ConsignmentItem.Consignor.Address": {
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressTypeCodeType"];
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                AddressTypeCodeType: unknown;
                "AddressTypeCodeType.value": string;
                "Declaration.Consignment.ConsignmentItem.Freight": {
                    PaymentMethodCode?: components["schemas"]["WcoDeclaration"]["$defs"]["FreightPaymentMethodCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                FreightPaymentMethodCodeType: unknown;
                "FreightPaymentMethodCodeType.value": string;
                "Declaration.Consignment.Consignor": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Consignment.Consignor.Address"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Consignment.Consignor.Address": {
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressTypeCodeType"];
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Consignment.Freight": {
                    PaymentMethodCode?: components["schemas"]["WcoDeclaration"]["$defs"]["FreightPaymentMethodCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Consignment.Itinerary": {
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["ItinerarySequenceNumericType"];
                    RoutingCountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ItineraryRoutingCountryCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                ItinerarySequenceNumericType: string;
                ItineraryRoutingCountryCodeType: unknown;
                "ItineraryRoutingCountryCodeType.value": string;
                "Declaration.CurrencyExchange": {
                    CurrencyTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CurrencyExchangeCurrencyTypeCodeType"];
                    RateNumeric?: components["schemas"]["WcoDeclaration"]["$defs"]["CurrencyExchangeRateNumericType"];
                    "xsi:schemaLocation"?: string;
                };
                CurrencyExchangeCurrencyTypeCodeType: unknown;
                "CurrencyExchangeCurrencyTypeCodeType.value": string;
                CurrencyExchangeRateNumericType: string;
                "Declaration.Declarant": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarantNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["DeclarantIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Declarant.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Declarant.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Declarant.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                DeclarantNameTextType: unknown;
                "DeclarantNameTextType.value": string;
                DeclarantIdentificationIDType: unknown;
                "DeclarantIdentificationIDType.value": string;
                "Declaration.Declarant.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Declarant.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                ContactNameTextType: unknown;
                "ContactNameTextType.value": string;
                "Declaration.Declarant.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.ExitOffice": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ExitOfficeIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                ExitOfficeIdentificationIDType: unknown;
                "ExitOfficeIdentificationIDType.value": string;
                "Declaration.Exporter": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ExporterNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ExporterIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Exporter.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Exporter.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.Exporter.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                ExporterNameTextType: unknown;
                "ExporterNameTextType.value": string;
                ExporterIdentificationIDType: unknown;
                "ExporterIdentificationIDType.value": string;
                "Declaration.Exporter.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Exporter.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.Exporter.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment": {
                    ExitDateTime?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsShipmentExitDateTimeType"];
                    TransactionNatureCode?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsShipmentTransactionNatureCodeType"];
                    AEOMutualRecognitionParty?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.AEOMutualRecognitionParty"][];
                    Buyer?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Buyer"];
                    Consignee?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignee"];
                    Consignment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment"];
                    Consignor?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignor"];
                    CustomsValuation?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.CustomsValuation"];
                    Destination?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Destination"];
                    DomesticDutyTaxParty?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.DomesticDutyTaxParty"][];
                    ExportCountry?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.ExportCountry"];
                    GovernmentAgencyGoodsItem?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem"][];
                    Importer?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Importer"];
                    Invoice?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Invoice"];
                    Payer?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Payer"];
                    PreviousDocument?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.PreviousDocument"][];
                    Seller?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Seller"];
                    Surety?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Surety"];
                    TradeTerms?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.TradeTerms"];
                    UCR?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.UCR"];
                    Warehouse?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Warehouse"];
                    "xsi:schemaLocation"?: string;
                };
                GoodsShipmentExitDateTimeType: {
                    DateTimeString?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsShipmentExitDateTimeType.DateTimeString"];
                    "xsi:schemaLocation"?: string;
                } & unknown;
                "GoodsShipmentExitDateTimeType.DateTimeString": {
                    value: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsShipmentExitDateTimeType.DateTimeString.value"];
                    formatCode: components["schemas"]["WcoDeclaration"]["$defs"]["FormatCodeType"];
                };
                "GoodsShipmentExitDateTimeType.DateTimeString.value": string;
                GoodsShipmentTransactionNatureCodeType: unknown;
                "GoodsShipmentTransactionNatureCodeType.value": string;
                "Declaration.GoodsShipment.AEOMutualRecognitionParty": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["AEOMutualRecognitionPartyIdentificationIDType"];
                    RoleCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AEOMutualRecognitionPartyRoleCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                AEOMutualRecognitionPartyIdentificationIDType: unknown;
                "AEOMutualRecognitionPartyIdentificationIDType.value": string;
                AEOMutualRecognitionPartyRoleCodeType: unknown;
                "AEOMutualRecognitionPartyRoleCodeType.value": string;
                "Declaration.GoodsShipment.Buyer": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["BuyerNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["BuyerIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Buyer.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Buyer.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Buyer.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                BuyerNameTextType: unknown;
                "BuyerNameTextType.value": string;
                BuyerIdentificationIDType: unknown;
                "BuyerIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Buyer.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Buyer.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Buyer.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Consignee": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsigneeNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsigneeIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignee.Address"];
                    "xsi:schemaLocation"?: string;
                };
                ConsigneeNameTextType: unknown;
                "ConsigneeNameTextType.value": string;
                ConsigneeIdentificationIDType: unknown;
                "ConsigneeIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Consignee.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Consignment": {
                    ContainerCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignmentContainerCodeType"];
                    ArrivalTransportMeans?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.ArrivalTransportMeans"];
                    DepartureTransportMeans?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.DepartureTransportMeans"];
                    GoodsLocation?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.GoodsLocation"];
                    LoadingLocation?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.LoadingLocation"];
                    TransportEquipment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.TransportEquipment"][];
                    "xsi:schemaLocation"?: string;
                };
                ConsignmentContainerCodeType: unknown;
                "ConsignmentContainerCodeType.value": string;
                "Declaration.GoodsShipment.Consignment.ArrivalTransportMeans": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ArrivalTransportMeansNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ArrivalTransportMeansIdentificationIDType"];
                    IdentificationTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ArrivalTransportMeansIdentificationTypeCodeType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ArrivalTransportMeansTypeCodeType"];
                    ModeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ArrivalTransportMeansModeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                ArrivalTransportMeansNameTextType: unknown;
                "ArrivalTransportMeansNameTextType.value": string;
                ArrivalTransportMeansIdentificationIDType: unknown;
                "ArrivalTransportMeansIdentificationIDType.value": string;
                ArrivalTransportMeansIdentificationTypeCodeType: unknown;
                "ArrivalTransportMeansIdentificationTypeCodeType.value": string;
                ArrivalTransportMeansTypeCodeType: unknown;
                "ArrivalTransportMeansTypeCodeType.value": string;
                ArrivalTransportMeansModeCodeType: unknown;
                "ArrivalTransportMeansModeCodeType.value": string;
                "Declaration.GoodsShipment.Consignment.DepartureTransportMeans": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["DepartureTransportMeansNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["DepartureTransportMeansIdentificationIDType"];
                    IdentificationTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DepartureTransportMeansIdentificationTypeCodeType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DepartureTransportMeansTypeCodeType"];
                    ModeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DepartureTransportMeansModeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                DepartureTransportMeansNameTextType: unknown;
                "DepartureTransportMeansNameTextType.value": string;
                DepartureTransportMeansIdentificationIDType: unknown;
                "DepartureTransportMeansIdentificationIDType.value": string;
                DepartureTransportMeansIdentificationTypeCodeType: unknown;
                "DepartureTransportMeansIdentificationTypeCodeType.value": string;
                DepartureTransportMeansTypeCodeType: unknown;
                "DepartureTransportMeansTypeCodeType.value": string;
                DepartureTransportMeansModeCodeType: unknown;
                "DepartureTransportMeansModeCodeType.value": string;
                "Declaration.GoodsShipment.Consignment.GoodsLocation": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsLocationNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsLocationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsLocationTypeCodeType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.GoodsLocation.Address"];
                    "xsi:schemaLocation"?: string;
                };
                GoodsLocationNameTextType: unknown;
                "GoodsLocationNameTextType.value": string;
                GoodsLocationIdentificationIDType: unknown;
                "GoodsLocationIdentificationIDType.value": string;
                GoodsLocationTypeCodeType: unknown;
                "GoodsLocationTypeCodeType.value": string;
                "Declaration.GoodsShipment.Consignment.GoodsLocation.Address": {
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressTypeCodeType"];
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Consignment.LoadingLocation": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["LoadingLocationNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["LoadingLocationIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                LoadingLocationNameTextType: unknown;
                "LoadingLocationNameTextType.value": string;
                LoadingLocationIdentificationIDType: unknown;
                "LoadingLocationIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Consignment.TransportEquipment": {
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["TransportEquipmentSequenceNumericType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["TransportEquipmentIdentificationIDType"];
                    Seal?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignment.TransportEquipment.Seal"][];
                    "xsi:schemaLocation"?: string;
                };
                TransportEquipmentSequenceNumericType: string;
                TransportEquipmentIdentificationIDType: unknown;
                "TransportEquipmentIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Consignment.TransportEquipment.Seal": {
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["SealSequenceNumericType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["SealIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                SealSequenceNumericType: string;
                SealIdentificationIDType: unknown;
                "SealIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Consignor": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Consignor.Address"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Consignor.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.CustomsValuation": {
                    FreightChargeAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["CustomsValuationFreightChargeAmountType"];
                    ChargeDeduction?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.CustomsValuation.ChargeDeduction"][];
                    "xsi:schemaLocation"?: string;
                };
                CustomsValuationFreightChargeAmountType: unknown;
                "CustomsValuationFreightChargeAmountType.value": string;
                "Declaration.GoodsShipment.CustomsValuation.ChargeDeduction": {
                    ChargesTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ChargeDeductionChargesTypeCodeType"];
                    OtherChargeDeductionAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["ChargeDeductionOtherChargeDeductionAmountType"];
                    "xsi:schemaLocation"?: string;
                };
                ChargeDeductionChargesTypeCodeType: unknown;
                "ChargeDeductionChargesTypeCodeType.value": string;
                ChargeDeductionOtherChargeDeductionAmountType: unknown;
                "ChargeDeductionOtherChargeDeductionAmountType.value": string;
                "Declaration.GoodsShipment.Destination": {
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DestinationCountryCodeType"];
                    RegionID?: components["schemas"]["WcoDeclaration"]["$defs"]["DestinationRegionIDType"];
                    "xsi:schemaLocation"?: string;
                };
                DestinationCountryCodeType: unknown;
                "DestinationCountryCodeType.value": string;
                DestinationRegionIDType: unknown;
                "DestinationRegionIDType.value": string;
                "Declaration.GoodsShipment.DomesticDutyTaxParty": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["DomesticDutyTaxPartyIdentificationIDType"];
                    RoleCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DomesticDutyTaxPartyRoleCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                DomesticDutyTaxPartyIdentificationIDType: unknown;
                "DomesticDutyTaxPartyIdentificationIDType.value": string;
                DomesticDutyTaxPartyRoleCodeType: unknown;
                "DomesticDutyTaxPartyRoleCodeType.value": string;
                "Declaration.GoodsShipment.ExportCountry": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ExportCountryCountryCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                ExportCountryCountryCodeType: unknown;
                "ExportCountryCountryCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem": {
                    CustomsValueAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["GovernmentAgencyGoodsItemCustomsValueAmountType"];
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["GovernmentAgencyGoodsItemSequenceNumericType"];
                    StatisticalValueAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["GovernmentAgencyGoodsItemStatisticalValueAmountType"];
                    TransactionNatureCode?: components["schemas"]["WcoDeclaration"]["$defs"]["GovernmentAgencyGoodsItemTransactionNatureCodeType"];
                    AdditionalDocument?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument"][];
                    AdditionalInformation?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalInformation"][];
                    AEOMutualRecognitionParty?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AEOMutualRecognitionParty"][];
                    Buyer?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer"];
                    Commodity?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity"];
                    Consignee?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignee"];
                    Consignor?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignor"];
                    CustomsValuation?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.CustomsValuation"];
                    Destination?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Destination"];
                    DomesticDutyTaxParty?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.DomesticDutyTaxParty"][];
                    ExportCountry?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.ExportCountry"];
                    GovernmentProcedure?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.GovernmentProcedure"][];
                    Origin?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Origin"][];
                    Packaging?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Packaging"][];
                    PreviousDocument?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.PreviousDocument"][];
                    Seller?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller"];
                    UCR?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.UCR"];
                    ValuationAdjustment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.ValuationAdjustment"];
                    "xsi:schemaLocation"?: string;
                };
                GovernmentAgencyGoodsItemCustomsValueAmountType: unknown;
                "GovernmentAgencyGoodsItemCustomsValueAmountType.value": string;
                GovernmentAgencyGoodsItemSequenceNumericType: string;
                GovernmentAgencyGoodsItemStatisticalValueAmountType: unknown;
                "GovernmentAgencyGoodsItemStatisticalValueAmountType.value": string;
                GovernmentAgencyGoodsItemTransactionNatureCodeType: unknown;
                "GovernmentAgencyGoodsItemTransactionNatureCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument": {
                    CategoryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentCategoryCodeType"];
                    EffectiveDateTime?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentEffectiveDateTimeType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentIdentificationIDType"];
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentNameTextType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentTypeCodeType"];
                    LPCOExemptionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentLPCOExemptionCodeType"];
                    Submitter?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument.Submitter"];
                    WriteOff?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument.WriteOff"];
                    "xsi:schemaLocation"?: string;
                };
                AdditionalDocumentEffectiveDateTimeType: {
                    DateTimeString?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentEffectiveDateTimeType.DateTimeString"];
                    "xsi:schemaLocation"?: string;
                } & unknown;
                "AdditionalDocumentEffectiveDateTimeType.DateTimeString": {
                    value: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalDocumentEffectiveDateTimeType.DateTimeString.value"];
                    formatCode: components["schemas"]["WcoDeclaration"]["$defs"]["FormatCodeType"];
                };
                "AdditionalDocumentEffectiveDateTimeType.DateTimeString.value": string;
                AdditionalDocumentNameTextType: unknown;
                "AdditionalDocumentNameTextType.value": string;
                AdditionalDocumentLPCOExemptionCodeType: unknown;
                "AdditionalDocumentLPCOExemptionCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument.Submitter": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["SubmitterNameTextType"];
                    RoleCode?: components["schemas"]["WcoDeclaration"]["$defs"]["SubmitterRoleCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                SubmitterRoleCodeType: unknown;
                "SubmitterRoleCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalDocument.WriteOff": {
                    QuantityQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["WriteOffQuantityQuantityType"];
                    AmountAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["WriteOffAmountAmountType"];
                    "xsi:schemaLocation"?: string;
                };
                WriteOffQuantityQuantityType: unknown;
                "WriteOffQuantityQuantityType.value": string;
                WriteOffAmountAmountType: unknown;
                "WriteOffAmountAmountType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AdditionalInformation": {
                    StatementCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalInformationStatementCodeType"];
                    StatementDescription?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalInformationStatementDescriptionTextType"];
                    StatementTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AdditionalInformationStatementTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.AEOMutualRecognitionParty": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["AEOMutualRecognitionPartyIdentificationIDType"];
                    RoleCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AEOMutualRecognitionPartyRoleCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["BuyerNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["BuyerIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Buyer.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity": {
                    Description?: components["schemas"]["WcoDeclaration"]["$defs"]["CommodityDescriptionTextType"];
                    Classification?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.Classification"][];
                    DangerousGoods?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.DangerousGoods"][];
                    DutyTaxFee?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.DutyTaxFee"][];
                    GoodsMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.GoodsMeasure"];
                    InvoiceLine?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.InvoiceLine"];
                    TransportEquipment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.TransportEquipment"][];
                    "xsi:schemaLocation"?: string;
                };
                CommodityDescriptionTextType: unknown;
                "CommodityDescriptionTextType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.Classification": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ClassificationIdentificationIDType"];
                    IdentificationTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ClassificationIdentificationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                ClassificationIdentificationIDType: unknown;
                "ClassificationIdentificationIDType.value": string;
                ClassificationIdentificationTypeCodeType: unknown;
                "ClassificationIdentificationTypeCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.DangerousGoods": {
                    UNDGID?: components["schemas"]["WcoDeclaration"]["$defs"]["DangerousGoodsUNDGIDType"];
                    "xsi:schemaLocation"?: string;
                };
                DangerousGoodsUNDGIDType: unknown;
                "DangerousGoodsUNDGIDType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.DutyTaxFee": {
                    AdValoremTaxBaseAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeAdValoremTaxBaseAmountType"];
                    DeductAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeDeductAmountType"];
                    DutyRegimeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeDutyRegimeCodeType"];
                    SpecificTaxBaseQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeSpecificTaxBaseQuantityType"];
                    TaxRateNumeric?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeTaxRateNumericType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeTypeCodeType"];
                    QuotaOrderID?: components["schemas"]["WcoDeclaration"]["$defs"]["DutyTaxFeeQuotaOrderIDType"];
                    Payment?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.DutyTaxFee.Payment"];
                    "xsi:schemaLocation"?: string;
                };
                DutyTaxFeeAdValoremTaxBaseAmountType: unknown;
                "DutyTaxFeeAdValoremTaxBaseAmountType.value": string;
                DutyTaxFeeDeductAmountType: unknown;
                "DutyTaxFeeDeductAmountType.value": string;
                DutyTaxFeeDutyRegimeCodeType: unknown;
                "DutyTaxFeeDutyRegimeCodeType.value": string;
                DutyTaxFeeSpecificTaxBaseQuantityType: unknown;
                "DutyTaxFeeSpecificTaxBaseQuantityType.value": string;
                DutyTaxFeeTaxRateNumericType: string;
                DutyTaxFeeTypeCodeType: unknown;
                "DutyTaxFeeTypeCodeType.value": string;
                DutyTaxFeeQuotaOrderIDType: unknown;
                "DutyTaxFeeQuotaOrderIDType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.DutyTaxFee.Payment": {
                    MethodCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PaymentMethodCodeType"];
                    TaxAssessedAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["PaymentTaxAssessedAmountType"];
                    PaymentAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["PaymentPaymentAmountType"];
                    "xsi:schemaLocation"?: string;
                };
                PaymentMethodCodeType: unknown;
                "PaymentMethodCodeType.value": string;
                PaymentTaxAssessedAmountType: unknown;
                "PaymentTaxAssessedAmountType.value": string;
                PaymentPaymentAmountType: unknown;
                "PaymentPaymentAmountType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.GoodsMeasure": {
                    GrossMassMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsMeasureGrossMassMeasureType"];
                    NetNetWeightMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsMeasureNetNetWeightMeasureType"];
                    TariffQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["GoodsMeasureTariffQuantityType"];
                    "xsi:schemaLocation"?: string;
                };
                GoodsMeasureGrossMassMeasureType: unknown;
                "GoodsMeasureGrossMassMeasureType.value": string;
                GoodsMeasureNetNetWeightMeasureType: unknown;
                "GoodsMeasureNetNetWeightMeasureType.value": string;
                GoodsMeasureTariffQuantityType: unknown;
                "GoodsMeasureTariffQuantityType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.InvoiceLine": {
                    ItemChargeAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["InvoiceLineItemChargeAmountType"];
                    "xsi:schemaLocation"?: string;
                };
                InvoiceLineItemChargeAmountType: unknown;
                "InvoiceLineItemChargeAmountType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Commodity.TransportEquipment": {
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["TransportEquipmentSequenceNumericType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["TransportEquipmentIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignee": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsigneeNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsigneeIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignee.Address"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignee.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignor": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ConsignorIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignor.Address"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Consignor.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.CustomsValuation": {
                    MethodCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CustomsValuationMethodCodeType"];
                    ChargeDeduction?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.CustomsValuation.ChargeDeduction"][];
                    "xsi:schemaLocation"?: string;
                };
                CustomsValuationMethodCodeType: unknown;
                "CustomsValuationMethodCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.CustomsValuation.ChargeDeduction": {
                    ChargesTypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ChargeDeductionChargesTypeCodeType"];
                    OtherChargeDeductionAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["ChargeDeductionOtherChargeDeductionAmountType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Destination": {
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DestinationCountryCodeType"];
                    RegionID?: components["schemas"]["WcoDeclaration"]["$defs"]["DestinationRegionIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.DomesticDutyTaxParty": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["DomesticDutyTaxPartyIdentificationIDType"];
                    RoleCode?: components["schemas"]["WcoDeclaration"]["$defs"]["DomesticDutyTaxPartyRoleCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.ExportCountry": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ExportCountryCountryCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.GovernmentProcedure": {
                    CurrentCode?: components["schemas"]["WcoDeclaration"]["$defs"]["GovernmentProcedureCurrentCodeType"];
                    PreviousCode?: components["schemas"]["WcoDeclaration"]["$defs"]["GovernmentProcedurePreviousCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                GovernmentProcedureCurrentCodeType: unknown;
                "GovernmentProcedureCurrentCodeType.value": string;
                GovernmentProcedurePreviousCodeType: unknown;
                "GovernmentProcedurePreviousCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Origin": {
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["OriginCountryCodeType"];
                    RegionID?: components["schemas"]["WcoDeclaration"]["$defs"]["OriginRegionIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["OriginTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                OriginCountryCodeType: unknown;
                "OriginCountryCodeType.value": string;
                OriginRegionIDType: unknown;
                "OriginRegionIDType.value": string;
                OriginTypeCodeType: unknown;
                "OriginTypeCodeType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Packaging": {
                    SequenceNumeric: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingSequenceNumericType"];
                    MarksNumbersID?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingMarksNumbersIDType"];
                    QuantityQuantity?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingQuantityQuantityType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingTypeCodeType"];
                    PackingMaterialDescription?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingPackingMaterialDescriptionTextType"];
                    LengthMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingLengthMeasureType"];
                    WidthMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingWidthMeasureType"];
                    HeightMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingHeightMeasureType"];
                    VolumeMeasure?: components["schemas"]["WcoDeclaration"]["$defs"]["PackagingVolumeMeasureType"];
                    "xsi:schemaLocation"?: string;
                };
                PackagingSequenceNumericType: string;
                PackagingMarksNumbersIDType: unknown;
                "PackagingMarksNumbersIDType.value": string;
                PackagingQuantityQuantityType: unknown;
                "PackagingQuantityQuantityType.value": string;
                PackagingTypeCodeType: unknown;
                "PackagingTypeCodeType.value": string;
                PackagingPackingMaterialDescriptionTextType: unknown;
                "PackagingPackingMaterialDescriptionTextType.value": string;
                PackagingLengthMeasureType: unknown;
                "PackagingLengthMeasureType.value": string;
                PackagingWidthMeasureType: unknown;
                "PackagingWidthMeasureType.value": string;
                PackagingHeightMeasureType: unknown;
                "PackagingHeightMeasureType.value": string;
                PackagingVolumeMeasureType: unknown;
                "PackagingVolumeMeasureType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.PreviousDocument": {
                    CategoryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentCategoryCodeType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentTypeCodeType"];
                    LineNumeric?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentLineNumericType"];
                    "xsi:schemaLocation"?: string;
                };
                PreviousDocumentCategoryCodeType: unknown;
                "PreviousDocumentCategoryCodeType.value": string;
                PreviousDocumentIdentificationIDType: unknown;
                "PreviousDocumentIdentificationIDType.value": string;
                PreviousDocumentTypeCodeType: unknown;
                "PreviousDocumentTypeCodeType.value": string;
                PreviousDocumentLineNumericType: string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["SellerNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["SellerIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                SellerNameTextType: unknown;
                "SellerNameTextType.value": string;
                SellerIdentificationIDType: unknown;
                "SellerIdentificationIDType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.Seller.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.UCR": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["UCRIdentificationIDType"];
                    TraderAssignedReferenceID?: components["schemas"]["WcoDeclaration"]["$defs"]["UCRTraderAssignedReferenceIDType"];
                    "xsi:schemaLocation"?: string;
                };
                UCRIdentificationIDType: unknown;
                "UCRIdentificationIDType.value": string;
                UCRTraderAssignedReferenceIDType: unknown;
                "UCRTraderAssignedReferenceIDType.value": string;
                "Declaration.GoodsShipment.GovernmentAgencyGoodsItem.ValuationAdjustment": {
                    AdditionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ValuationAdjustmentAdditionCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                ValuationAdjustmentAdditionCodeType: unknown;
                "ValuationAdjustmentAdditionCodeType.value": string;
                "Declaration.GoodsShipment.Importer": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ImporterNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ImporterIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Importer.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Importer.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Importer.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                ImporterNameTextType: unknown;
                "ImporterNameTextType.value": string;
                ImporterIdentificationIDType: unknown;
                "ImporterIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Importer.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Importer.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Importer.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Invoice": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["InvoiceIdentificationIDType"];
                    IssueDateTime?: components["schemas"]["WcoDeclaration"]["$defs"]["InvoiceIssueDateTimeType"];
                    "xsi:schemaLocation"?: string;
                };
                InvoiceIdentificationIDType: unknown;
                "InvoiceIdentificationIDType.value": string;
                InvoiceIssueDateTimeType: {
                    DateTimeString?: components["schemas"]["WcoDeclaration"]["$defs"]["InvoiceIssueDateTimeType.DateTimeString"];
                    "xsi:schemaLocation"?: string;
                } & unknown;
                "InvoiceIssueDateTimeType.DateTimeString": {
                    value: components["schemas"]["WcoDeclaration"]["$defs"]["InvoiceIssueDateTimeType.DateTimeString.value"];
                    formatCode: components["schemas"]["WcoDeclaration"]["$defs"]["FormatCodeType"];
                };
                "InvoiceIssueDateTimeType.DateTimeString.value": string;
                "Declaration.GoodsShipment.Payer": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["PayerNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["PayerIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Payer.Address"];
                    "xsi:schemaLocation"?: string;
                };
                PayerNameTextType: unknown;
                "PayerNameTextType.value": string;
                PayerIdentificationIDType: unknown;
                "PayerIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Payer.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.PreviousDocument": {
                    CategoryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentCategoryCodeType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentTypeCodeType"];
                    LineNumeric?: components["schemas"]["WcoDeclaration"]["$defs"]["PreviousDocumentLineNumericType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Seller": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["SellerNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["SellerIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Seller.Address"];
                    Contact?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Seller.Contact"];
                    Communication?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Seller.Communication"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Seller.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Seller.Contact": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["ContactNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Seller.Communication": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["CommunicationTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Surety": {
                    Name?: components["schemas"]["WcoDeclaration"]["$defs"]["SuretyNameTextType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["SuretyIdentificationIDType"];
                    Address?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.GoodsShipment.Surety.Address"];
                    "xsi:schemaLocation"?: string;
                };
                SuretyNameTextType: unknown;
                "SuretyNameTextType.value": string;
                SuretyIdentificationIDType: unknown;
                "SuretyIdentificationIDType.value": string;
                "Declaration.GoodsShipment.Surety.Address": {
                    CityName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCityNameTextType"];
                    CountryCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountryCodeType"];
                    CountrySubDivisionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionCodeType"];
                    CountrySubDivisionName?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressCountrySubDivisionNameTextType"];
                    Line?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressLineTextType"];
                    PostcodeID?: components["schemas"]["WcoDeclaration"]["$defs"]["AddressPostcodeIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.TradeTerms": {
                    ConditionCode?: components["schemas"]["WcoDeclaration"]["$defs"]["TradeTermsConditionCodeType"];
                    CountryRelationshipCode?: components["schemas"]["WcoDeclaration"]["$defs"]["TradeTermsCountryRelationshipCodeType"];
                    Description?: components["schemas"]["WcoDeclaration"]["$defs"]["TradeTermsDescriptionTextType"];
                    LocationID?: components["schemas"]["WcoDeclaration"]["$defs"]["TradeTermsLocationIDType"];
                    LocationName?: components["schemas"]["WcoDeclaration"]["$defs"]["TradeTermsLocationNameTextType"];
                    "xsi:schemaLocation"?: string;
                };
                TradeTermsConditionCodeType: unknown;
                "TradeTermsConditionCodeType.value": string;
                TradeTermsCountryRelationshipCodeType: unknown;
                "TradeTermsCountryRelationshipCodeType.value": string;
                TradeTermsDescriptionTextType: unknown;
                "TradeTermsDescriptionTextType.value": string;
                TradeTermsLocationIDType: unknown;
                "TradeTermsLocationIDType.value": string;
                TradeTermsLocationNameTextType: unknown;
                "TradeTermsLocationNameTextType.value": string;
                "Declaration.GoodsShipment.UCR": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["UCRIdentificationIDType"];
                    TraderAssignedReferenceID?: components["schemas"]["WcoDeclaration"]["$defs"]["UCRTraderAssignedReferenceIDType"];
                    "xsi:schemaLocation"?: string;
                };
                "Declaration.GoodsShipment.Warehouse": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["WarehouseIdentificationIDType"];
                    TypeCode?: components["schemas"]["WcoDeclaration"]["$defs"]["WarehouseTypeCodeType"];
                    "xsi:schemaLocation"?: string;
                };
                WarehouseIdentificationIDType: unknown;
                "WarehouseIdentificationIDType.value": string;
                WarehouseTypeCodeType: unknown;
                "WarehouseTypeCodeType.value": string;
                "Declaration.ObligationGuarantee": {
                    AmountAmount?: components["schemas"]["WcoDeclaration"]["$defs"]["ObligationGuaranteeAmountAmountType"];
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["ObligationGuaranteeIdentificationIDType"];
                    ReferenceID?: components["schemas"]["WcoDeclaration"]["$defs"]["ObligationGuaranteeReferenceIDType"];
                    SecurityDetailsCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ObligationGuaranteeSecurityDetailsCodeType"];
                    AccessCode?: components["schemas"]["WcoDeclaration"]["$defs"]["ObligationGuaranteeAccessCodeType"];
                    GuaranteeOffice?: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration.ObligationGuarantee.GuaranteeOffice"];
                    "xsi:schemaLocation"?: string;
                };
                ObligationGuaranteeAmountAmountType: unknown;
                "ObligationGuaranteeAmountAmountType.value": string;
                ObligationGuaranteeIdentificationIDType: unknown;
                "ObligationGuaranteeIdentificationIDType.value": string;
                ObligationGuaranteeReferenceIDType: unknown;
                "ObligationGuaranteeReferenceIDType.value": string;
                ObligationGuaranteeSecurityDetailsCodeType: unknown;
                "ObligationGuaranteeSecurityDetailsCodeType.value": string;
                ObligationGuaranteeAccessCodeType: unknown;
                "ObligationGuaranteeAccessCodeType.value": string;
                "Declaration.ObligationGuarantee.GuaranteeOffice": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["GuaranteeOfficeIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                GuaranteeOfficeIdentificationIDType: unknown;
                "GuaranteeOfficeIdentificationIDType.value": string;
                "Declaration.PresentationOffice": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["PresentationOfficeIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                PresentationOfficeIdentificationIDType: unknown;
                "PresentationOfficeIdentificationIDType.value": string;
                "Declaration.SupervisingOffice": {
                    ID?: components["schemas"]["WcoDeclaration"]["$defs"]["SupervisingOfficeIdentificationIDType"];
                    "xsi:schemaLocation"?: string;
                };
                SupervisingOfficeIdentificationIDType: unknown;
                "SupervisingOfficeIdentificationIDType.value": string;
            };
        } & ({
            MetaData: components["schemas"]["WcoDeclaration"]["$defs"]["MetaData"];
        } | {
            Declaration: components["schemas"]["WcoDeclaration"]["$defs"]["Declaration"];
        });
        /**
         * swgate e-commerce consignment (advance data)
         * @description Advance electronic data of one e-commerce consignment, after the WCO E-Commerce Framework of Standards: seller, buyer, platform, order and payment transaction, tracking number and carrier, goods (description, value, weight, origin), pieces and delivery mode. A platform sends its order and payment (platform, order and payment are required of it); a post or express carrier sends its shipping data (seller, buyer, shipment, items) without them, and the gateway links the two by tracking number and carrier. Every value is a string, as in WCO JSON: codes keep their zeros, amounts their digits.
         */
        Consignment: {
            /** @description The sender's reference; becomes the declaration's LRN (an..22) */
            consignmentId: string;
            seller: components["schemas"]["Consignment"]["$defs"]["party"];
            buyer: components["schemas"]["Consignment"]["$defs"]["party"];
            platform?: {
                id: components["schemas"]["Consignment"]["$defs"]["partyId"];
                name: components["schemas"]["Consignment"]["$defs"]["text"];
                /** Format: uri */
                url?: string;
            };
            order?: {
                id: components["schemas"]["Consignment"]["$defs"]["id"];
                /** Format: date */
                date: string;
                total: components["schemas"]["Consignment"]["$defs"]["amount"];
            };
            payment?: {
                transactionId: components["schemas"]["Consignment"]["$defs"]["id"];
                /** @enum {string} */
                method: "card" | "bank-transfer" | "wallet" | "cash-on-delivery" | "other";
                /** Format: date */
                date?: string;
            };
            shipment: {
                trackingNumber: components["schemas"]["Consignment"]["$defs"]["id"];
                carrier: {
                    id?: components["schemas"]["Consignment"]["$defs"]["partyId"];
                    name: components["schemas"]["Consignment"]["$defs"]["text"];
                };
                /** @enum {string} */
                deliveryMode: "postal" | "express-air" | "courier-road" | "sea" | "rail";
                pieces: string;
                grossWeight: components["schemas"]["Consignment"]["$defs"]["weight"];
                exportCountry?: components["schemas"]["Consignment"]["$defs"]["country"];
            };
            items: {
                description: components["schemas"]["Consignment"]["$defs"]["text"];
                hsCode: string;
                quantity: string;
                value: components["schemas"]["Consignment"]["$defs"]["amount"];
                weight: components["schemas"]["Consignment"]["$defs"]["weight"];
                origin: components["schemas"]["Consignment"]["$defs"]["country"];
            }[];
            $defs: {
                text: string;
                id: string;
                country: string;
                decimal: string;
                amount: {
                    amount: components["schemas"]["Consignment"]["$defs"]["decimal"];
                    currency: string;
                };
                weight: {
                    value: components["schemas"]["Consignment"]["$defs"]["decimal"];
                    /**
                     * @description UN/ECE Recommendation 20
                     * @enum {string}
                     */
                    unitCode: "GRM" | "KGM" | "LBR" | "ONZ";
                };
                /** @description EORI or other trader identifier, as the DMS profile takes it (an..17) */
                partyId: string;
                party: {
                    id?: components["schemas"]["Consignment"]["$defs"]["partyId"];
                    name: components["schemas"]["Consignment"]["$defs"]["text"];
                    /** Format: email */
                    email?: string;
                    address: {
                        line: components["schemas"]["Consignment"]["$defs"]["text"];
                        city: components["schemas"]["Consignment"]["$defs"]["text"];
                        postcode?: string;
                        country: components["schemas"]["Consignment"]["$defs"]["country"];
                    };
                };
            };
        };
        /**
         * @description Payload of a `control-result` partner message
         * @example {
         *       "export": {
         *         "mrn": "26XB00000000000017",
         *         "exchangeId": "01JD3Y8Q6W0000000000000000"
         *       },
         *       "outcome": "discrepancy",
         *       "findings": [
         *         {
         *           "code": "VAL",
         *           "text": "invoice value a tenth of the market price"
         *         }
         *       ],
         *       "controlledAt": "2026-12-01T09:30:00Z"
         *     }
         */
        PartnerControlResult: {
            /** @description The export controlled: its MRN (as an import cites it in PreviousDocument/ID; its country part must be the partner's), and/or the gateway exchange that carried it; its LRN as well, for the record */
            export: {
                mrn?: string;
                lrn?: string;
                exchangeId?: string;
            };
            /**
             * @description compliant: the goods were as declared; discrepancy: they were not
             * @enum {string}
             */
            outcome: "compliant" | "discrepancy";
            /** @description What the control found, in the controller's own codes */
            findings?: {
                code: string;
                text: string;
            }[];
            controlledAt: string;
        };
        /**
         * @description Payload of an `aeo-status` partner message
         * @example {
         *       "authorisations": [
         *         {
         *           "operatorId": "XB000000000042",
         *           "status": "suspended",
         *           "type": "AEOS",
         *           "validFrom": "2025-03-01"
         *         }
         *       ]
         *     }
         */
        PartnerAeoStatus: {
            authorisations: {
                operatorId: string;
                /** @enum {string} */
                status: "granted" | "suspended" | "revoked";
                /**
                 * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                 * @enum {string}
                 */
                type: "AEOC" | "AEOS" | "AEOF";
                /** @description YYYY-MM-DD */
                validFrom: string;
                /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                validTo?: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                        checks?: {
                            [key: string]: string;
                        };
                    };
                };
            };
        };
    };
    getExchange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exchangeId: string;
                        /**
                         * @description The caller's part in the exchange. A sender or operator sees the whole exchange; a destination sees only its own delivery, and of the exchange its id, sender, kind and receivedAt (docs/SECURITY.md)
                         * @enum {string}
                         */
                        role: "sender" | "operator" | "destination";
                        sender: string;
                        kind: string;
                        /** @description (sender and operators only) */
                        format?: string;
                        /**
                         * @description (sender and operators only)
                         * @enum {string}
                         */
                        status?: "received" | "validated" | "routed" | "delivered" | "delivered-with-warnings" | "rejected" | "failed";
                        /** @description SHA-256 of the original (sender and operators only) */
                        contentSha256?: string;
                        /** @description (sender and operators only) */
                        messageId?: string | null;
                        /** Format: date-time */
                        receivedAt: string;
                        /**
                         * Format: date-time
                         * @description For a destination: when its delivery last changed
                         */
                        updatedAt: string;
                        /** @description (sender and operators only) */
                        facts?: unknown;
                        /** @description (sender and operators only) */
                        findings?: {
                            /** @enum {string} */
                            severity: "error" | "warning" | "info";
                            code: string;
                            message: string;
                            /** @description JSON pointer into the document */
                            path: string;
                            xpath?: string;
                        }[];
                        /** @description The lane targeting put the declaration in (green, yellow, red), and nothing else of the decision, which is confidential: GET /v1/exchanges/{id}/risk for the agencies (sender and operators only) */
                        control?: {
                            /** @enum {string} */
                            lane: "green" | "yellow" | "red";
                        };
                        /** @description Every delivery for the sender and operators; a destination's own only */
                        deliveries: {
                            destination: string;
                            agreement: string;
                            format: string;
                            mapping?: string | null;
                            /** @enum {string} */
                            status: "queued" | "in-flight" | "retrying" | "delivered" | "acknowledged" | "rejected" | "failed";
                            attempts: number;
                            lastError?: string | null;
                            receipt?: unknown;
                            /** Format: date-time */
                            updatedAt?: string;
                        }[];
                        /** @description Every event for the sender and operators; those of its own delivery for a destination */
                        timeline: {
                            /** Format: date-time */
                            at: string;
                            event: string;
                            destination?: string;
                            detail?: unknown;
                        }[];
                        /** @description Every stored document for the sender and operators; for a destination what it was sent (to-<destination>, or the original when sent unchanged) */
                        documents: {
                            name: string;
                            mediaType: string;
                            sha256: string;
                            href: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listExchanges: {
        parameters: {
            query?: {
                /** @description Exactly an exchange id, a reference (LRN: Declaration/FunctionalReferenceID), an MRN or a message id. Of exchanges the caller receives, the exchange id only */
                q?: string;
                sender?: string;
                /** @description Exchanges with a delivery to this participant (of those the caller receives: itself only) */
                destination?: string;
                /** @description The exchange's status; for exchanges the caller receives, its delivery's status */
                status?: string;
                kind?: string;
                /** @description Only exchanges updated at or after this time (for exchanges the caller receives: its delivery updated) (pull notifications) */
                since?: string;
                /** @description Received at or after this time */
                from?: string;
                /** @description Received before this time */
                to?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            exchangeId: string;
                            /**
                             * @description The caller's part in the exchange. A sender or operator sees the whole exchange; a destination sees only its own delivery, and of the exchange its id, sender, kind and receivedAt (docs/SECURITY.md)
                             * @enum {string}
                             */
                            role: "sender" | "operator" | "destination";
                            sender: string;
                            kind: string;
                            /** @description (sender and operators only) */
                            status?: string;
                            /** @description (sender and operators only) */
                            messageId?: string | null;
                            /** @description The document's reference: a declaration's LRN (Declaration/FunctionalReferenceID) (sender and operators only) */
                            reference?: string | null;
                            /** @description The declaration's MRN (Declaration/ID) when it states one (sender and operators only) */
                            mrn?: string | null;
                            /**
                             * @description For a destination: its delivery's status
                             * @enum {string}
                             */
                            deliveryStatus?: "queued" | "in-flight" | "retrying" | "delivered" | "acknowledged" | "rejected" | "failed";
                            /** Format: date-time */
                            receivedAt: string;
                            /**
                             * Format: date-time
                             * @description For a destination: when its delivery last changed
                             */
                            updatedAt: string;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getExchangeProvenance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Verifies offline with the log public key: `swgate verify RECEIPT.json --public-key log.pub.pem` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exchangeId: string;
                        entries: {
                            leafIndex: number;
                            /** @description base64 SHA-256 */
                            leafHash: string;
                            /** @description W3C PROV-style record of one exchange event; its RFC 8785 canonical JSON is the leaf input */
                            record: {
                                exchangeId: string;
                                /** @enum {string} */
                                event: "received" | "validated" | "signed" | "routed" | "targeted" | "mapped" | "delivered" | "acknowledged" | "rejected" | "failed" | "lpco-reserved" | "lpco-written-off" | "lpco-released" | "lpco-given-back" | "controlled" | "aeo-changed" | "profile-changed" | "profile-deleted";
                                /** Format: date-time */
                                time: string;
                                entity: {
                                    contentSha256: string;
                                    name?: string;
                                    mediaType?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                activity: {
                                    id: string;
                                    type: string;
                                    destination?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                agent: {
                                    participant: string;
                                    certificateFingerprint?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                used: ({
                                    contentSha256: string;
                                    name?: string;
                                    mediaType?: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                wasGeneratedBy: string;
                                wasDerivedFrom?: {
                                    entity: string;
                                    /** @description id@version */
                                    mapping: string;
                                    specSha256: string;
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            /** @description hex of the 32 random bytes the commitment is salted with: commitment = SHA-256(salt ‖ RFC 8785 canonical JSON of record); absent for an entry logged in clear before commitments */
                            salt?: string;
                        }[];
                        /** @description A signed checkpoint (C2SP signed-note style); `signature` is Ed25519 over the bytes of `note` */
                        checkpoint: {
                            origin: string;
                            treeSize: number;
                            /** @description base64 SHA-256 */
                            rootHash: string;
                            /** Format: date-time */
                            timestamp: string;
                            /** @description <origin>\n<treeSize>\n<rootHash>\ntimestamp <timestamp>\n */
                            note: string;
                            /** @description base64 */
                            signature: string;
                        };
                        proofs: {
                            index: number;
                            treeSize: number;
                            auditPath: string[];
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getExchangeDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document as stored, in its own media type (`documents[].mediaType` of the exchange); X-Content-SHA256 is the digest of exactly these bytes */
            200: {
                headers: {
                    /** @description SHA-256 (hex) of the body */
                    "x-content-sha256"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                    "application/json": unknown;
                    "application/jose": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getExchangeRisk: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "lane": "red",
                     *       "hits": [
                     *         {
                     *           "profile": "phones-undervalued",
                     *           "owner": "customs",
                     *           "lane": "red",
                     *           "instruction": "weigh and count; compare with the invoice"
                     *         },
                     *         {
                     *           "profile": "plants-from-xa",
                     *           "owner": "pga-plant",
                     *           "lane": "yellow",
                     *           "instruction": "check the phytosanitary certificate"
                     *         }
                     *       ],
                     *       "score": 0.93,
                     *       "model": "xgb-2026-11",
                     *       "links": [
                     *         {
                     *           "code": "value-gap",
                     *           "text": "Paid 149.00 USD on the platform; 20.00 USD declared for shipping."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /**
                         * @description The declaration's lane: the most severe of its goods items'
                         * @enum {string}
                         */
                        lane: "green" | "yellow" | "red";
                        /** @description Customs: every owner's hits; a PGA: its own */
                        hits: {
                            profile: string;
                            owner: string;
                            /** @enum {string} */
                            lane: "green" | "yellow" | "red";
                            instruction: string | null;
                        }[];
                        /** @description The model's score of the riskiest goods item (customs only; null for a PGA or without a model) */
                        score: number | null;
                        /** @description The model version that scored it (customs only) */
                        model: string | null;
                        /** @description Customs only, for a consignment: the findings of its parcel's link as they stand now (the platform's order and payment against the carrier's shipping data, GET /v1/ecommerce/links/{trackingNumber}) */
                        links?: {
                            /** @enum {string} */
                            code: "value-gap" | "weight-gap" | "pieces-gap" | "description-gap" | "origin-gap" | "unmatched" | "source-conflict";
                            text: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        origin: string;
                        treeSize: number;
                        /** @description base64 SHA-256 */
                        rootHash: string;
                        /** Format: date-time */
                        timestamp: string;
                        /** @description <origin>\n<treeSize>\n<rootHash>\ntimestamp <timestamp>\n */
                        note: string;
                        /** @description base64 */
                        signature: string;
                    };
                    "text/plain": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listCheckpoints: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checkpoints: {
                            origin: string;
                            treeSize: number;
                            /** @description base64 SHA-256 */
                            rootHash: string;
                            /** Format: date-time */
                            timestamp: string;
                            /** @description <origin>\n<treeSize>\n<rootHash>\ntimestamp <timestamp>\n */
                            note: string;
                            /** @description base64 */
                            signature: string;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getLogEntry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everybody gets the leaf hash and, for a committed entry, the leaf input {"commitment":"<hex>"}; the record and its salt only a party to the exchange allowed to see that record, or an operator (docs/SECURITY.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        index: number;
                        /** @description base64 SHA-256 */
                        leafHash: string;
                        /** @description base64 of the leaf input: {"commitment":"<hex>"} (RFC 8785); for an entry logged in clear before commitments, the record itself, shown only with the record */
                        leafInput?: string;
                        /** @description W3C PROV-style record of one exchange event; its RFC 8785 canonical JSON is the leaf input */
                        record?: {
                            exchangeId: string;
                            /** @enum {string} */
                            event: "received" | "validated" | "signed" | "routed" | "targeted" | "mapped" | "delivered" | "acknowledged" | "rejected" | "failed" | "lpco-reserved" | "lpco-written-off" | "lpco-released" | "lpco-given-back" | "controlled" | "aeo-changed" | "profile-changed" | "profile-deleted";
                            /** Format: date-time */
                            time: string;
                            entity: {
                                contentSha256: string;
                                name?: string;
                                mediaType?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            activity: {
                                id: string;
                                type: string;
                                destination?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            agent: {
                                participant: string;
                                certificateFingerprint?: string;
                            } & {
                                [key: string]: unknown;
                            };
                            used: ({
                                contentSha256: string;
                                name?: string;
                                mediaType?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            wasGeneratedBy: string;
                            wasDerivedFrom?: {
                                entity: string;
                                /** @description id@version */
                                mapping: string;
                                specSha256: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description hex of the 32 random bytes the commitment is salted with: commitment = SHA-256(salt ‖ RFC 8785 canonical JSON of record) */
                        salt?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getInclusionProof: {
        parameters: {
            query: {
                index: number;
                size: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        index: number;
                        treeSize: number;
                        auditPath: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getConsistencyProof: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: number;
                        to: number;
                        path: string[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getLogPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-pem-file": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listLpcos: {
        parameters: {
            query?: {
                /** @description As GET /v1/lpcos/{id} shows it: a live LPCO past validUntil is expired */
                status?: "issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted";
                holder?: string;
                /** @description The issuing participant */
                issuer?: string;
                documentCode?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        lpcos: {
                            /** @description ULID */
                            id: string;
                            /** @description WCO DM AdditionalDocument CategoryCode + TypeCode */
                            documentCode: string;
                            number: string;
                            /** @description The participant that registered it and alone may change it */
                            issuerParticipant: string;
                            holderId: string;
                            /**
                             * @description As of now: past validUntil reads as expired
                             * @enum {string}
                             */
                            status: "issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted";
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validUntil: string;
                            /** @description Id of the LPCO that replaced this one */
                            replacedBy: string | null;
                            /** Format: date-time */
                            registeredAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            lines: {
                                sequence: string;
                                /** @description false: the document states no usable quantity for the line; nothing is drawn on it (no unit, quantity or remaining) */
                                quantityControlled: boolean;
                                /** @description Absent where the document classifies the goods by name only */
                                hsCode?: string;
                                unit?: string;
                                /** @description Decimal, as issued */
                                quantity?: string;
                                /** @description Decimal: the quantity not yet reserved or written off */
                                remaining?: string;
                            }[];
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeLpco: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: what the simulated destinations answer */
                "x-sandbox-scenario"?: "accept" | "warn" | "reject" | "slow" | "fail-once" | "fail-always";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/xml": string;
                /**
                 * @example {
                 *       "documentCode": "N851",
                 *       "number": "XA-PHYTO-2026-0001",
                 *       "issuer": {
                 *         "agency": "Plant health agency (sandbox)",
                 *         "country": "XA"
                 *       },
                 *       "holder": {
                 *         "id": "XI553202734852",
                 *         "name": "Sandbox Importer Ltd"
                 *       },
                 *       "issuedAt": "2026-11-01T09:00:00Z",
                 *       "validFrom": "2026-11-01",
                 *       "validUntil": "2027-10-31",
                 *       "status": "issued",
                 *       "exportCountry": "XA",
                 *       "importCountry": "XB",
                 *       "lines": [
                 *         {
                 *           "sequence": "1",
                 *           "description": "Live plants, rooted cuttings",
                 *           "hsCode": "060290",
                 *           "quantity": "250.000",
                 *           "unit": "KGM",
                 *           "origin": "XA"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        exchangeId: string;
                        status: string;
                        /** Format: date-time */
                        receivedAt: string;
                        contentSha256: string;
                        links: {
                            self: string;
                            provenance?: string;
                        };
                        /** @description For an e-LPCO: its id in the registry (GET /v1/lpcos/{id}) */
                        lpcoId?: string;
                        /** @description Where the record of its receipt stands in the provenance log */
                        provenance?: {
                            leafIndex: number;
                            /** @description base64 */
                            leafHash: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getLpco: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        id: string;
                        /** @description WCO DM AdditionalDocument CategoryCode + TypeCode */
                        documentCode: string;
                        number: string;
                        /** @description The participant that registered it and alone may change it */
                        issuerParticipant: string;
                        holderId: string;
                        /**
                         * @description As of now: past validUntil reads as expired
                         * @enum {string}
                         */
                        status: "issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted";
                        /** Format: date */
                        validFrom: string;
                        /** Format: date */
                        validUntil: string;
                        /** @description Id of the LPCO that replaced this one */
                        replacedBy: string | null;
                        /** Format: date-time */
                        registeredAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        lines: {
                            sequence: string;
                            /** @description false: the document states no usable quantity for the line; nothing is drawn on it (no unit, quantity or remaining) */
                            quantityControlled: boolean;
                            /** @description Absent where the document classifies the goods by name only */
                            hsCode?: string;
                            unit?: string;
                            /** @description Decimal, as issued */
                            quantity?: string;
                            /** @description Decimal: the quantity not yet reserved or written off */
                            remaining?: string;
                        }[];
                        history: {
                            /** Format: date-time */
                            at: string;
                            from: ("issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted") | null;
                            /** @enum {string} */
                            to: "issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted";
                            reason: string;
                            /** @description Participant id, or "registry" for changes that follow from write-offs */
                            actor: string;
                            /** @description A quantity movement by a declaration (absent for status changes): reserved at lodging, written off when customs accepts, released when customs rejects, given back when customs accepts its cancellation */
                            movement?: {
                                /** @enum {string} */
                                kind: "reserved" | "written-off" | "released" | "given-back";
                                declarationExchangeId: string;
                                line: string;
                                /** @description Decimal, in the line's unit */
                                quantity: string;
                            };
                        }[];
                        /** @description The LPCO as registered */
                        document: {
                            /** @description WCO DM AdditionalDocument CategoryCode + TypeCode */
                            documentCode: string;
                            /** @description The issuing authority’s document number (visible ASCII, as WCO DM an..70) */
                            number: string;
                            issuer: {
                                agency: string;
                                country: string;
                            };
                            holder: {
                                /** @description Trader identifier, e.g. EORI */
                                id: string;
                                name: string;
                            };
                            issuedAt: string;
                            validFrom: string;
                            validUntil: string;
                            /**
                             * @description A document enters the registry issued or amended; later states are set by the registry
                             * @enum {string}
                             */
                            status: "issued" | "amended";
                            replaces?: string;
                            exportCountry: string;
                            importCountry: string;
                            lines: {
                                sequence: string;
                                description: string;
                                hsCode?: string;
                                botanicalName?: string;
                                quantity?: string;
                                /** @description UN/ECE Recommendation 20, or Recommendation 21 for a package count */
                                unit?: string;
                                /** @enum {string} */
                                measure?: "net-weight" | "gross-weight" | "net-volume" | "gross-volume" | "packages";
                                origin: string;
                                notes?: {
                                    subject: string;
                                    content?: string;
                                    language?: string;
                                }[];
                            }[];
                            notes?: {
                                subject: string;
                                content?: string;
                                language?: string;
                            }[];
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    changeLpcoStatus: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "revoked" | "withdrawn" | "expired";
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        id: string;
                        /** @description WCO DM AdditionalDocument CategoryCode + TypeCode */
                        documentCode: string;
                        number: string;
                        /** @description The participant that registered it and alone may change it */
                        issuerParticipant: string;
                        holderId: string;
                        /**
                         * @description As of now: past validUntil reads as expired
                         * @enum {string}
                         */
                        status: "issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted";
                        /** Format: date */
                        validFrom: string;
                        /** Format: date */
                        validUntil: string;
                        /** @description Id of the LPCO that replaced this one */
                        replacedBy: string | null;
                        /** Format: date-time */
                        registeredAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        lines: {
                            sequence: string;
                            /** @description false: the document states no usable quantity for the line; nothing is drawn on it (no unit, quantity or remaining) */
                            quantityControlled: boolean;
                            /** @description Absent where the document classifies the goods by name only */
                            hsCode?: string;
                            unit?: string;
                            /** @description Decimal, as issued */
                            quantity?: string;
                            /** @description Decimal: the quantity not yet reserved or written off */
                            remaining?: string;
                        }[];
                        history: {
                            /** Format: date-time */
                            at: string;
                            from: ("issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted") | null;
                            /** @enum {string} */
                            to: "issued" | "amended" | "replaced" | "revoked" | "withdrawn" | "expired" | "exhausted";
                            reason: string;
                            /** @description Participant id, or "registry" for changes that follow from write-offs */
                            actor: string;
                            /** @description A quantity movement by a declaration (absent for status changes): reserved at lodging, written off when customs accepts, released when customs rejects, given back when customs accepts its cancellation */
                            movement?: {
                                /** @enum {string} */
                                kind: "reserved" | "written-off" | "released" | "given-back";
                                declarationExchangeId: string;
                                line: string;
                                /** @description Decimal, in the line's unit */
                                quantity: string;
                            };
                        }[];
                        /** @description The LPCO as registered */
                        document: {
                            /** @description WCO DM AdditionalDocument CategoryCode + TypeCode */
                            documentCode: string;
                            /** @description The issuing authority’s document number (visible ASCII, as WCO DM an..70) */
                            number: string;
                            issuer: {
                                agency: string;
                                country: string;
                            };
                            holder: {
                                /** @description Trader identifier, e.g. EORI */
                                id: string;
                                name: string;
                            };
                            issuedAt: string;
                            validFrom: string;
                            validUntil: string;
                            /**
                             * @description A document enters the registry issued or amended; later states are set by the registry
                             * @enum {string}
                             */
                            status: "issued" | "amended";
                            replaces?: string;
                            exportCountry: string;
                            importCountry: string;
                            lines: {
                                sequence: string;
                                description: string;
                                hsCode?: string;
                                botanicalName?: string;
                                quantity?: string;
                                /** @description UN/ECE Recommendation 20, or Recommendation 21 for a package count */
                                unit?: string;
                                /** @enum {string} */
                                measure?: "net-weight" | "gross-weight" | "net-volume" | "gross-volume" | "packages";
                                origin: string;
                                notes?: {
                                    subject: string;
                                    content?: string;
                                    language?: string;
                                }[];
                            }[];
                            notes?: {
                                subject: string;
                                content?: string;
                                language?: string;
                            }[];
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listRiskProfiles: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Unique among the owner's profiles */
                            id: string;
                            description?: string;
                            /** @description A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md) */
                            when: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            lane: "green" | "yellow" | "red";
                            /** @description What the controlling officer is to do */
                            instruction?: string;
                            /**
                             * Format: date-time
                             * @description Applies to declarations received at or after this time
                             */
                            validFrom?: string;
                            /**
                             * Format: date-time
                             * @description Applies to declarations received before this time
                             */
                            validTo?: string;
                            /** @description The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent */
                            sampleRate?: number;
                            /** @description The participant that wrote it */
                            owner: string;
                            /** @description Counts every change, deletion included, since the id was first used */
                            version: number;
                            /**
                             * @description Written through the API, or loaded from the profiles folder at start
                             * @enum {string}
                             */
                            source: "api" | "folder";
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    createRiskProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "phones-undervalued",
                 *       "description": "phones far below their usual price",
                 *       "when": {
                 *         "all": [
                 *           {
                 *             "fact": "origin",
                 *             "in": [
                 *               "XA",
                 *               "XB"
                 *             ]
                 *           },
                 *           {
                 *             "fact": "commodity",
                 *             "startsWith": "8517"
                 *           },
                 *           {
                 *             "fact": "unitValuePerKg",
                 *             "below": 40
                 *           }
                 *         ]
                 *       },
                 *       "lane": "red",
                 *       "instruction": "weigh and count; compare with the invoice"
                 *     }
                 */
                "application/json": {
                    /** @description Unique among the owner's profiles */
                    id: string;
                    description?: string;
                    /** @description A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md) */
                    when: Record<string, never>;
                    /** @description One of green, yellow, red */
                    lane: string;
                    /** @description What the controlling officer is to do */
                    instruction?: string;
                    /**
                     * Format: date-time
                     * @description Applies to declarations received at or after this time
                     */
                    validFrom?: string;
                    /**
                     * Format: date-time
                     * @description Applies to declarations received before this time
                     */
                    validTo?: string;
                    /** @description The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent */
                    sampleRate?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Unique among the owner's profiles */
                        id: string;
                        description?: string;
                        /** @description A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md) */
                        when: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        lane: "green" | "yellow" | "red";
                        /** @description What the controlling officer is to do */
                        instruction?: string;
                        /**
                         * Format: date-time
                         * @description Applies to declarations received at or after this time
                         */
                        validFrom?: string;
                        /**
                         * Format: date-time
                         * @description Applies to declarations received before this time
                         */
                        validTo?: string;
                        /** @description The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent */
                        sampleRate?: number;
                        /** @description The participant that wrote it */
                        owner: string;
                        /** @description Counts every change, deletion included, since the id was first used */
                        version: number;
                        /**
                         * @description Written through the API, or loaded from the profiles folder at start
                         * @enum {string}
                         */
                        source: "api" | "folder";
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getRiskProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Unique among the owner's profiles */
                        id: string;
                        description?: string;
                        /** @description A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md) */
                        when: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        lane: "green" | "yellow" | "red";
                        /** @description What the controlling officer is to do */
                        instruction?: string;
                        /**
                         * Format: date-time
                         * @description Applies to declarations received at or after this time
                         */
                        validFrom?: string;
                        /**
                         * Format: date-time
                         * @description Applies to declarations received before this time
                         */
                        validTo?: string;
                        /** @description The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent */
                        sampleRate?: number;
                        /** @description The participant that wrote it */
                        owner: string;
                        /** @description Counts every change, deletion included, since the id was first used */
                        version: number;
                        /**
                         * @description Written through the API, or loaded from the profiles folder at start
                         * @enum {string}
                         */
                        source: "api" | "folder";
                        /** Format: date-time */
                        updatedAt: string;
                        /** @description What the profile selected (every version) and what its owner's controls of those declarations found, current as soon as a control result is answered 201 */
                        stats: {
                            /** @description Declarations it selected */
                            hits: number;
                            /** @description Of those, declarations its owner recorded a control result on */
                            controlled: number;
                            /** @description Of those, declarations where a result found a discrepancy */
                            discrepancies: number;
                            /** @description What those control results recovered */
                            revenue: number;
                            /** @description discrepancies / controlled; null before any control */
                            hitRate: number | null;
                        };
                        /** @description Every version, oldest first: who changed the profile when (each change is also in the provenance log) */
                        versions: {
                            version: number;
                            /** Format: date-time */
                            changedAt: string;
                            changedBy: string;
                            /** @enum {string} */
                            source: "api" | "folder";
                            /** @description SHA-256 of the version's RFC 8785 canonical JSON: the entity of its provenance record */
                            sha256: string;
                            deleted: boolean;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    replaceRiskProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "phones-undervalued",
                 *       "description": "phones far below their usual price",
                 *       "when": {
                 *         "all": [
                 *           {
                 *             "fact": "origin",
                 *             "in": [
                 *               "XA",
                 *               "XB"
                 *             ]
                 *           },
                 *           {
                 *             "fact": "commodity",
                 *             "startsWith": "8517"
                 *           },
                 *           {
                 *             "fact": "unitValuePerKg",
                 *             "below": 40
                 *           }
                 *         ]
                 *       },
                 *       "lane": "red",
                 *       "instruction": "weigh and count; compare with the invoice"
                 *     }
                 */
                "application/json": {
                    /** @description Unique among the owner's profiles */
                    id: string;
                    description?: string;
                    /** @description A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md) */
                    when: Record<string, never>;
                    /** @description One of green, yellow, red */
                    lane: string;
                    /** @description What the controlling officer is to do */
                    instruction?: string;
                    /**
                     * Format: date-time
                     * @description Applies to declarations received at or after this time
                     */
                    validFrom?: string;
                    /**
                     * Format: date-time
                     * @description Applies to declarations received before this time
                     */
                    validTo?: string;
                    /** @description The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent */
                    sampleRate?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Unique among the owner's profiles */
                        id: string;
                        description?: string;
                        /** @description A condition: `{"fact": <fact>, "<op>": <value>}` with op one of in, notIn (lists), equals, startsWith (strings), below, above (numbers), between ([low, high]); or `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` (docs/RISK.md) */
                        when: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        lane: "green" | "yellow" | "red";
                        /** @description What the controlling officer is to do */
                        instruction?: string;
                        /**
                         * Format: date-time
                         * @description Applies to declarations received at or after this time
                         */
                        validFrom?: string;
                        /**
                         * Format: date-time
                         * @description Applies to declarations received before this time
                         */
                        validTo?: string;
                        /** @description The share of matching declarations selected, reproducibly from the exchange id (control groups); 1 when absent */
                        sampleRate?: number;
                        /** @description The participant that wrote it */
                        owner: string;
                        /** @description Counts every change, deletion included, since the id was first used */
                        version: number;
                        /**
                         * @description Written through the API, or loaded from the profiles folder at start
                         * @enum {string}
                         */
                        source: "api" | "folder";
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    deleteRiskProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getEcommerceLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @example LX123456785CN */
                trackingNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "trackingNumber": "LX123456785CN",
                     *       "sources": [
                     *         {
                     *           "participant": "platform-demo",
                     *           "exchangeId": "01JH2Q5V8N3R6W0A4C1E7G9K2M"
                     *         },
                     *         {
                     *           "participant": "post-demo",
                     *           "exchangeId": "01JH2Q7B4D6F8H0J2L4N6P8R0T"
                     *         }
                     *       ],
                     *       "findings": [
                     *         {
                     *           "code": "value-gap",
                     *           "text": "Paid 41.50 GBP on the platform; 12.00 GBP declared for shipping."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description As the gateway keys it: letters and digits, upper case */
                        trackingNumber: string;
                        /** @description Every consignment that named the tracking number, oldest first */
                        sources: {
                            participant: string;
                            /** @description ULID */
                            exchangeId: string;
                        }[];
                        findings: {
                            /** @enum {string} */
                            code: "value-gap" | "weight-gap" | "pieces-gap" | "description-gap" | "origin-gap" | "unmatched" | "source-conflict";
                            text: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    acknowledgeDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The X-Swgate-Message-Id of the delivery */
                    messageId: string;
                    /** @description The receipt: a compact JWS (typ swgate-receipt+jws, required of destinations with a trust store), or a plain object */
                    receipt: string | {
                        /** @enum {string} */
                        status: "accepted" | "accepted-with-warnings" | "rejected";
                        receivedSha256: string;
                        receiptId?: string;
                        issuedBy?: string;
                        issuedAt?: string;
                        findings?: {
                            /** @enum {string} */
                            severity: "error" | "warning" | "info";
                            code: string;
                            message: string;
                            /** @description JSON pointer into the document */
                            path: string;
                            xpath?: string;
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        exchangeId: string;
                        deliveryStatus: string;
                        repeated: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                destination: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description One or several (comma-separated) of queued, in-flight, retrying, delivered, acknowledged, rejected, failed; default failed,retrying,queued */
                status?: string | string[];
                destination?: string;
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        deliveries: {
                            exchangeId: string;
                            destination: string;
                            agreement: string;
                            /** @enum {string} */
                            status: "queued" | "in-flight" | "retrying" | "delivered" | "acknowledged" | "rejected" | "failed";
                            attempts: number;
                            lastError: string | null;
                            /** Format: date-time */
                            updatedAt: string;
                            /**
                             * Format: date-time
                             * @description When the exchange was received
                             */
                            receivedAt: string | null;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    summariseDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        destinations: {
                            destination: string;
                            /** @description Deliveries by status */
                            counts: {
                                [key: string]: number;
                            };
                            /** @description BullMQ's job counts of the destination's queue; failed jobs are its dead letters */
                            queue: {
                                waiting: number;
                                active: number;
                                delayed: number;
                                failed: number;
                            };
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    retryDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    deliveries: {
                        exchangeId: string;
                        destination: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            exchangeId: string;
                            destination: string;
                            /**
                             * @description requeued; not-failed (it is not failed, or another request re-queued it first); not-found; agreement-gone (no longer configured); error (its re-queue failed, see reason; it may be retried)
                             * @enum {string}
                             */
                            outcome: "requeued" | "not-failed" | "not-found" | "agreement-gone" | "error";
                            /** @description With outcome error only: why its re-queue failed */
                            reason?: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listControlResults: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description ULID */
                            id: string;
                            exchangeId: string;
                            /** @description The participant that controlled */
                            controller: string;
                            /**
                             * @description compliant: the goods were as declared; discrepancy: they were not
                             * @enum {string}
                             */
                            outcome: "compliant" | "discrepancy";
                            /** @description What the control found, in the controller's own codes */
                            findings: {
                                code: string;
                                text: string;
                            }[];
                            revenue: number;
                            seized: boolean;
                            /** Format: date-time */
                            recordedAt: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    recordControlResult: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key with the same result answers the result it recorded; with another, 409 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "outcome": "discrepancy",
                 *       "findings": [
                 *         {
                 *           "code": "QTY",
                 *           "text": "40 handsets declared, 400 found"
                 *         }
                 *       ],
                 *       "revenue": 12500,
                 *       "seized": false
                 *     }
                 */
                "application/json": {
                    /**
                     * @description compliant: the goods were as declared; discrepancy: they were not
                     * @enum {string}
                     */
                    outcome: "compliant" | "discrepancy";
                    /** @description What the control found, in the controller's own codes */
                    findings?: {
                        code: string;
                        text: string;
                    }[];
                    /** @description What the control recovered (duties, fines); 0 when left out */
                    revenue?: number;
                    /** @description Goods were seized; false when left out */
                    seized?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        id: string;
                        exchangeId: string;
                        /** @description The participant that controlled */
                        controller: string;
                        /**
                         * @description compliant: the goods were as declared; discrepancy: they were not
                         * @enum {string}
                         */
                        outcome: "compliant" | "discrepancy";
                        /** @description What the control found, in the controller's own codes */
                        findings: {
                            code: string;
                            text: string;
                        }[];
                        revenue: number;
                        seized: boolean;
                        /** Format: date-time */
                        recordedAt: string;
                        provenance: {
                            leafIndex: number;
                            leafHash: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getAeoAuthorisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description EORI, TIN or another operator identifier */
                operatorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operatorId: string;
                        current?: {
                            operatorId: string;
                            /** @description Whose register: this customs administration's participant id, or a partner customs' */
                            authority: string;
                            version: number;
                            /** @enum {string} */
                            status: "granted" | "suspended" | "revoked";
                            /**
                             * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                             * @enum {string}
                             */
                            type: "AEOC" | "AEOS" | "AEOF";
                            /** @description YYYY-MM-DD */
                            validFrom: string;
                            /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                            validTo?: string;
                            /** Format: date-time */
                            changedAt: string;
                            changedBy: string;
                        };
                        /** @description Every version in customs' register, oldest first */
                        history: {
                            operatorId: string;
                            /** @description Whose register: this customs administration's participant id, or a partner customs' */
                            authority: string;
                            version: number;
                            /** @enum {string} */
                            status: "granted" | "suspended" | "revoked";
                            /**
                             * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                             * @enum {string}
                             */
                            type: "AEOC" | "AEOS" | "AEOF";
                            /** @description YYYY-MM-DD */
                            validFrom: string;
                            /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                            validTo?: string;
                            /** Format: date-time */
                            changedAt: string;
                            changedBy: string;
                        }[];
                        /** @description Partner customs' current statements of this operator */
                        partners: {
                            operatorId: string;
                            /** @description Whose register: this customs administration's participant id, or a partner customs' */
                            authority: string;
                            version: number;
                            /** @enum {string} */
                            status: "granted" | "suspended" | "revoked";
                            /**
                             * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                             * @enum {string}
                             */
                            type: "AEOC" | "AEOS" | "AEOF";
                            /** @description YYYY-MM-DD */
                            validFrom: string;
                            /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                            validTo?: string;
                            /** Format: date-time */
                            changedAt: string;
                            changedBy: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    putAeoAuthorisation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description EORI, TIN or another operator identifier */
                operatorId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "status": "granted",
                 *       "type": "AEOF",
                 *       "validFrom": "2026-01-01"
                 *     }
                 */
                "application/json": {
                    /** @enum {string} */
                    status: "granted" | "suspended" | "revoked";
                    /**
                     * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                     * @enum {string}
                     */
                    type: "AEOC" | "AEOS" | "AEOF";
                    /** @description YYYY-MM-DD */
                    validFrom: string;
                    /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                    validTo?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        operatorId: string;
                        /** @description Whose register: this customs administration's participant id, or a partner customs' */
                        authority: string;
                        version: number;
                        /** @enum {string} */
                        status: "granted" | "suspended" | "revoked";
                        /**
                         * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                         * @enum {string}
                         */
                        type: "AEOC" | "AEOS" | "AEOF";
                        /** @description YYYY-MM-DD */
                        validFrom: string;
                        /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                        validTo?: string;
                        /** Format: date-time */
                        changedAt: string;
                        changedBy: string;
                        provenance?: {
                            leafIndex: number;
                            leafHash: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listAeoAuthorisations: {
        parameters: {
            query?: {
                status?: "granted" | "suspended" | "revoked";
                limit?: number;
                /** @description nextCursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            operatorId: string;
                            /** @description Whose register: this customs administration's participant id, or a partner customs' */
                            authority: string;
                            version: number;
                            /** @enum {string} */
                            status: "granted" | "suspended" | "revoked";
                            /**
                             * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                             * @enum {string}
                             */
                            type: "AEOC" | "AEOS" | "AEOF";
                            /** @description YYYY-MM-DD */
                            validFrom: string;
                            /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                            validTo?: string;
                            /** Format: date-time */
                            changedAt: string;
                            changedBy: string;
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listDepartures: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        movements: {
                            /** @description ULID */
                            id: string;
                            /** @enum {string} */
                            kind: "departure" | "arrival";
                            localReferenceNumber?: string | null;
                            /** @description Once allocated (IE028); for an arrival, the MRN it names */
                            movementReferenceNumber?: string | null;
                            /** @enum {string} */
                            state: "submitted" | "accepted" | "mrn-allocated" | "under-control" | "released" | "not-released" | "guarantee-not-valid" | "rejected" | "invalidated" | "arrived" | "written-off" | "unloading-permitted" | "unloading-remarks" | "goods-released";
                            /** @description Holder of the transit procedure (departure) or trader at destination (arrival) */
                            holder?: string | null;
                            officeOfDeparture?: string | null;
                            officeOfDestination?: string | null;
                            /** @description By when the goods must reach destination (set at release) */
                            timeLimit?: string | null;
                            /** @description When the movement was flagged overdue for an enquiry */
                            enquiry?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            links: {
                                self: string;
                                messages: string;
                            };
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeDeparture: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: how the simulated office of departure answers (docs/TRANSIT.md) */
                "x-sandbox-scenario"?: "default" | "control" | "reject" | "no-release" | "hold";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <ncts:CC015C PhaseID="NCTS5.0" xmlns:ncts="http://ncts.dgtaxud.ec">
                 *         <messageSender>9999912345</messageSender>
                 *         <messageRecipient>NTA.GB</messageRecipient>
                 *         <preparationDateAndTime>2026-12-01T09:00:00</preparationDateAndTime>
                 *         <messageIdentification>SWG20261201001</messageIdentification>
                 *         <messageType>CC015C</messageType>
                 *         <TransitOperation>
                 *             <LRN>SWGDEMO20261201A</LRN>
                 *             <declarationType>T1</declarationType>
                 *             <additionalDeclarationType>A</additionalDeclarationType>
                 *             <security>0</security>
                 *             <reducedDatasetIndicator>0</reducedDatasetIndicator>
                 *             <bindingItinerary>0</bindingItinerary>
                 *         </TransitOperation>
                 *         <CustomsOfficeOfDeparture>
                 *             <referenceNumber>GB000246</referenceNumber>
                 *         </CustomsOfficeOfDeparture>
                 *         <CustomsOfficeOfDestinationDeclared>
                 *             <referenceNumber>XI000142</referenceNumber>
                 *         </CustomsOfficeOfDestinationDeclared>
                 *         <CustomsOfficeOfTransitDeclared>
                 *             <sequenceNumber>1</sequenceNumber>
                 *             <referenceNumber>XI000142</referenceNumber>
                 *             <arrivalDateAndTimeEstimated>2026-12-03T09:00:00</arrivalDateAndTimeEstimated>
                 *         </CustomsOfficeOfTransitDeclared>
                 *         <HolderOfTheTransitProcedure>
                 *             <identificationNumber>GB953574106000</identificationNumber>
                 *         </HolderOfTheTransitProcedure>
                 *         <Guarantee>
                 *             <sequenceNumber>1</sequenceNumber>
                 *             <guaranteeType>1</guaranteeType>
                 *             <GuaranteeReference>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *                 <GRN>24GB0000010000031</GRN>
                 *                 <accessCode>AC01</accessCode>
                 *                 <amountToBeCovered>1000.000000</amountToBeCovered>
                 *                 <currency>GBP</currency>
                 *             </GuaranteeReference>
                 *         </Guarantee>
                 *         <Consignment>
                 *             <countryOfDispatch>GB</countryOfDispatch>
                 *             <countryOfDestination>XI</countryOfDestination>
                 *             <containerIndicator>1</containerIndicator>
                 *             <grossMass>4000</grossMass>
                 *             <referenceNumberUCR>AB1234</referenceNumberUCR>
                 *             <TransportEquipment>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *                 <containerIdentificationNumber>WGPCGR</containerIdentificationNumber>
                 *                 <numberOfSeals>1</numberOfSeals>
                 *                 <Seal>
                 *                     <sequenceNumber>1</sequenceNumber>
                 *                     <identifier>1234</identifier>
                 *                 </Seal>
                 *             </TransportEquipment>
                 *             <LocationOfGoods>
                 *                 <typeOfLocation>C</typeOfLocation>
                 *                 <qualifierOfIdentification>U</qualifierOfIdentification>
                 *                 <UNLocode>GBDVR</UNLocode>
                 *             </LocationOfGoods>
                 *             <DepartureTransportMeans>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *                 <typeOfIdentification>30</typeOfIdentification>
                 *                 <identificationNumber>NC15REG</identificationNumber>
                 *                 <nationality>GB</nationality>
                 *             </DepartureTransportMeans>
                 *             <PlaceOfLoading>
                 *                 <country>GB</country>
                 *                 <location>Dover</location>
                 *             </PlaceOfLoading>
                 *             <PreviousDocument>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *                 <type>NMRN</type>
                 *                 <referenceNumber>24GB11111EXPORTMRN</referenceNumber>
                 *             </PreviousDocument>
                 *             <HouseConsignment>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *                 <grossMass>2000.000000</grossMass>
                 *                 <Consignor>
                 *                     <identificationNumber>GB953574106000</identificationNumber>
                 *                 </Consignor>
                 *                 <Consignee>
                 *                 <identificationNumber>XI175521246821</identificationNumber>
                 *                 </Consignee>
                 *                 <ConsignmentItem>
                 *                     <goodsItemNumber>1</goodsItemNumber>
                 *                     <declarationGoodsItemNumber>1</declarationGoodsItemNumber>
                 *                     <Commodity>
                 *                         <descriptionOfGoods>Plastic toys</descriptionOfGoods>
                 *                         <CommodityCode>
                 *                             <harmonizedSystemSubHeadingCode>392690</harmonizedSystemSubHeadingCode>
                 *                         </CommodityCode>
                 *                         <GoodsMeasure>
                 *                             <grossMass>1000.000000</grossMass>
                 *                             <netMass>950.000000</netMass>
                 *                         </GoodsMeasure>
                 *                     </Commodity>
                 *                     <Packaging>
                 *                         <sequenceNumber>1</sequenceNumber>
                 *                         <typeOfPackages>BX</typeOfPackages>
                 *                         <numberOfPackages>1</numberOfPackages>
                 *                         <shippingMarks>GB Box to be shipped</shippingMarks>
                 *                     </Packaging>
                 *                 </ConsignmentItem>
                 *                 <ConsignmentItem>
                 *                     <goodsItemNumber>2</goodsItemNumber>
                 *                     <declarationGoodsItemNumber>2</declarationGoodsItemNumber>
                 *                     <Commodity>
                 *                         <descriptionOfGoods>WHEAT</descriptionOfGoods>
                 *                         <CommodityCode>
                 *                             <harmonizedSystemSubHeadingCode>100119</harmonizedSystemSubHeadingCode>
                 *                         </CommodityCode>
                 *                         <GoodsMeasure>
                 *                             <grossMass>1000.000000</grossMass>
                 *                             <netMass>900.000000</netMass>
                 *                         </GoodsMeasure>
                 *                     </Commodity>
                 *                     <Packaging>
                 *                         <sequenceNumber>1</sequenceNumber>
                 *                         <typeOfPackages>BX</typeOfPackages>
                 *                         <numberOfPackages>10</numberOfPackages>
                 *                         <shippingMarks>WHEAT</shippingMarks>
                 *                     </Packaging>
                 *                 </ConsignmentItem>
                 *             </HouseConsignment>
                 *             <HouseConsignment>
                 *                 <sequenceNumber>2</sequenceNumber>
                 *                 <grossMass>2000.000000</grossMass>
                 *                 <Consignor>
                 *                     <identificationNumber>GB656584207000</identificationNumber>
                 *                 </Consignor>
                 *                 <Consignee>
                 *                     <identificationNumber>XI276531347831</identificationNumber>
                 *                 </Consignee>
                 *                 <ConsignmentItem>
                 *                     <goodsItemNumber>1</goodsItemNumber>
                 *                     <declarationGoodsItemNumber>3</declarationGoodsItemNumber>
                 *                     <Commodity>
                 *                         <descriptionOfGoods>Bread</descriptionOfGoods>
                 *                         <CommodityCode>
                 *                             <harmonizedSystemSubHeadingCode>190590</harmonizedSystemSubHeadingCode>
                 *                         </CommodityCode>
                 *                         <GoodsMeasure>
                 *                             <grossMass>1000</grossMass>
                 *                             <netMass>950</netMass>
                 *                         </GoodsMeasure>
                 *                     </Commodity>
                 *                     <Packaging>
                 *                         <sequenceNumber>1</sequenceNumber>
                 *                         <typeOfPackages>BX</typeOfPackages>
                 *                         <numberOfPackages>1</numberOfPackages>
                 *                         <shippingMarks>Shipping marks for bread</shippingMarks>
                 *                     </Packaging>
                 *                 </ConsignmentItem>
                 *                 <ConsignmentItem>
                 *                     <goodsItemNumber>2</goodsItemNumber>
                 *                     <declarationGoodsItemNumber>4</declarationGoodsItemNumber>
                 *                     <Commodity>
                 *                         <descriptionOfGoods>Cheddar cheese</descriptionOfGoods>
                 *                         <CommodityCode>
                 *                             <harmonizedSystemSubHeadingCode>040690</harmonizedSystemSubHeadingCode>
                 *                         </CommodityCode>
                 *                         <GoodsMeasure>
                 *                             <grossMass>1000</grossMass>
                 *                             <netMass>900</netMass>
                 *                         </GoodsMeasure>
                 *                     </Commodity>
                 *                     <Packaging>
                 *                         <sequenceNumber>1</sequenceNumber>
                 *                         <typeOfPackages>BX</typeOfPackages>
                 *                         <numberOfPackages>10</numberOfPackages>
                 *                         <shippingMarks>Shipping marks for cheese</shippingMarks>
                 *                     </Packaging>
                 *                 </ConsignmentItem>
                 *             </HouseConsignment>
                 *         </Consignment>
                 *     </ncts:CC015C>
                 */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The movement (ULID) */
                        id: string;
                        /** @description The message just taken */
                        messageId: string;
                        /** @description The exchange that carries it */
                        exchangeId: string;
                        replayed?: boolean;
                        links: {
                            self: string;
                            messages: string;
                            message?: string;
                            exchange?: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getDeparture: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        id: string;
                        /** @enum {string} */
                        kind: "departure" | "arrival";
                        localReferenceNumber?: string | null;
                        /** @description Once allocated (IE028); for an arrival, the MRN it names */
                        movementReferenceNumber?: string | null;
                        /** @enum {string} */
                        state: "submitted" | "accepted" | "mrn-allocated" | "under-control" | "released" | "not-released" | "guarantee-not-valid" | "rejected" | "invalidated" | "arrived" | "written-off" | "unloading-permitted" | "unloading-remarks" | "goods-released";
                        /** @description Holder of the transit procedure (departure) or trader at destination (arrival) */
                        holder?: string | null;
                        officeOfDeparture?: string | null;
                        officeOfDestination?: string | null;
                        /** @description By when the goods must reach destination (set at release) */
                        timeLimit?: string | null;
                        /** @description When the movement was flagged overdue for an enquiry */
                        enquiry?: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        links: {
                            self: string;
                            messages: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listDepartureMessages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** @description ULID */
                            id: string;
                            /** @description IE015, IE928, IE028 … */
                            type: string;
                            /** Format: date-time */
                            received: string;
                            /** @enum {string} */
                            direction: "from-trader" | "to-trader" | "from-office";
                            /** @description The gateway exchange that carries it (customs and the trader that sent it see it at /v1/exchanges) */
                            exchangeId?: string;
                            links: {
                                self: string;
                            };
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeDepartureMessage: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: how the simulated office of departure answers (docs/TRANSIT.md) */
                "x-sandbox-scenario"?: "default" | "control" | "reject" | "no-release" | "hold";
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <ncts:CC170C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">
                 *         <messageSender>9999912345</messageSender>
                 *         <messageRecipient>NTA.GB</messageRecipient>
                 *         <preparationDateAndTime>2026-12-01T09:00:00</preparationDateAndTime>
                 *         <messageIdentification>SWG20261201001</messageIdentification>
                 *         <messageType>CC170C</messageType>
                 *         <TransitOperation>
                 *             <LRN>SWGDEMO20261201A</LRN>
                 *         </TransitOperation>
                 *         <CustomsOfficeOfDeparture>
                 *             <referenceNumber>GB000246</referenceNumber>
                 *         </CustomsOfficeOfDeparture>
                 *         <HolderOfTheTransitProcedure>
                 *             <identificationNumber>GB953574106000</identificationNumber>
                 *         </HolderOfTheTransitProcedure>
                 *         <Consignment>
                 *             <containerIndicator>0</containerIndicator>
                 *             <LocationOfGoods>
                 *                 <typeOfLocation>C</typeOfLocation>
                 *                 <qualifierOfIdentification>U</qualifierOfIdentification>
                 *                 <UNLocode>GBDVR</UNLocode>
                 *             </LocationOfGoods>
                 *             <DepartureTransportMeans>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *                 <typeOfIdentification>30</typeOfIdentification>
                 *                 <identificationNumber>NC15REG</identificationNumber>
                 *                 <nationality>GB</nationality>
                 *             </DepartureTransportMeans>
                 *             <PlaceOfLoading>
                 *                 <country>GB</country>
                 *                 <location>Dover</location>
                 *             </PlaceOfLoading>
                 *             <HouseConsignment>
                 *                 <sequenceNumber>1</sequenceNumber>
                 *             </HouseConsignment>
                 *         </Consignment>
                 *     </ncts:CC170C>
                 */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The movement (ULID) */
                        id: string;
                        /** @description The message just taken */
                        messageId: string;
                        /** @description The exchange that carries it */
                        exchangeId: string;
                        replayed?: boolean;
                        links: {
                            self: string;
                            messages: string;
                            message?: string;
                            exchange?: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getDepartureMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CCnnnC message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listArrivals: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        movements: {
                            /** @description ULID */
                            id: string;
                            /** @enum {string} */
                            kind: "departure" | "arrival";
                            localReferenceNumber?: string | null;
                            /** @description Once allocated (IE028); for an arrival, the MRN it names */
                            movementReferenceNumber?: string | null;
                            /** @enum {string} */
                            state: "submitted" | "accepted" | "mrn-allocated" | "under-control" | "released" | "not-released" | "guarantee-not-valid" | "rejected" | "invalidated" | "arrived" | "written-off" | "unloading-permitted" | "unloading-remarks" | "goods-released";
                            /** @description Holder of the transit procedure (departure) or trader at destination (arrival) */
                            holder?: string | null;
                            officeOfDeparture?: string | null;
                            officeOfDestination?: string | null;
                            /** @description By when the goods must reach destination (set at release) */
                            timeLimit?: string | null;
                            /** @description When the movement was flagged overdue for an enquiry */
                            enquiry?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            links: {
                                self: string;
                                messages: string;
                            };
                        }[];
                        nextCursor?: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeArrival: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: how the simulated office of departure answers (docs/TRANSIT.md) */
                "x-sandbox-scenario"?: "default" | "control" | "reject" | "no-release" | "hold";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <ncts:CC007C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">
                 *         <messageSender>9999912345</messageSender>
                 *         <messageRecipient>NTA.GB</messageRecipient>
                 *         <preparationDateAndTime>2026-12-01T09:00:00</preparationDateAndTime>
                 *         <messageIdentification>SWG20261201001</messageIdentification>
                 *         <messageType>CC007C</messageType>
                 *         <TransitOperation>
                 *             <MRN>26GB000246A1B2C3J8</MRN>
                 *             <arrivalNotificationDateAndTime>2026-12-03T08:30:00</arrivalNotificationDateAndTime>
                 *             <simplifiedProcedure>0</simplifiedProcedure>
                 *             <incidentFlag>0</incidentFlag>
                 *         </TransitOperation>
                 *         <CustomsOfficeOfDestinationActual>
                 *             <referenceNumber>GB000246</referenceNumber>
                 *         </CustomsOfficeOfDestinationActual>
                 *         <TraderAtDestination>
                 *             <identificationNumber>GB953574106000</identificationNumber>
                 *         </TraderAtDestination>
                 *         <Consignment>
                 *             <LocationOfGoods>
                 *                 <typeOfLocation>C</typeOfLocation>
                 *                 <qualifierOfIdentification>U</qualifierOfIdentification>
                 *                 <UNLocode>GBDVR</UNLocode>
                 *             </LocationOfGoods>
                 *         </Consignment>
                 *     </ncts:CC007C>
                 */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The movement (ULID) */
                        id: string;
                        /** @description The message just taken */
                        messageId: string;
                        /** @description The exchange that carries it */
                        exchangeId: string;
                        replayed?: boolean;
                        links: {
                            self: string;
                            messages: string;
                            message?: string;
                            exchange?: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getArrival: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        id: string;
                        /** @enum {string} */
                        kind: "departure" | "arrival";
                        localReferenceNumber?: string | null;
                        /** @description Once allocated (IE028); for an arrival, the MRN it names */
                        movementReferenceNumber?: string | null;
                        /** @enum {string} */
                        state: "submitted" | "accepted" | "mrn-allocated" | "under-control" | "released" | "not-released" | "guarantee-not-valid" | "rejected" | "invalidated" | "arrived" | "written-off" | "unloading-permitted" | "unloading-remarks" | "goods-released";
                        /** @description Holder of the transit procedure (departure) or trader at destination (arrival) */
                        holder?: string | null;
                        officeOfDeparture?: string | null;
                        officeOfDestination?: string | null;
                        /** @description By when the goods must reach destination (set at release) */
                        timeLimit?: string | null;
                        /** @description When the movement was flagged overdue for an enquiry */
                        enquiry?: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                        links: {
                            self: string;
                            messages: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listArrivalMessages: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** @description ULID */
                            id: string;
                            /** @description IE015, IE928, IE028 … */
                            type: string;
                            /** Format: date-time */
                            received: string;
                            /** @enum {string} */
                            direction: "from-trader" | "to-trader" | "from-office";
                            /** @description The gateway exchange that carries it (customs and the trader that sent it see it at /v1/exchanges) */
                            exchangeId?: string;
                            links: {
                                self: string;
                            };
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeArrivalMessage: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: how the simulated office of departure answers (docs/TRANSIT.md) */
                "x-sandbox-scenario"?: "default" | "control" | "reject" | "no-release" | "hold";
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <ncts:CC044C PhaseID="NCTS5.1" xmlns:ncts="http://ncts.dgtaxud.ec">
                 *         <messageSender>9999912345</messageSender>
                 *         <messageRecipient>NTA.GB</messageRecipient>
                 *         <preparationDateAndTime>2026-12-01T09:00:00</preparationDateAndTime>
                 *         <messageIdentification>1</messageIdentification>
                 *         <messageType>CC044C</messageType>
                 *         <TransitOperation>
                 *             <MRN>26GB000246A1B2C3J8</MRN>
                 *         </TransitOperation>
                 *         <CustomsOfficeOfDestinationActual>
                 *             <referenceNumber>GB000246</referenceNumber>
                 *         </CustomsOfficeOfDestinationActual>
                 *         <TraderAtDestination>
                 *             <identificationNumber>GB953574106000</identificationNumber>
                 *         </TraderAtDestination>
                 *         <UnloadingRemark>
                 *             <conform>1</conform>
                 *             <unloadingCompletion>1</unloadingCompletion>
                 *             <unloadingDate>2026-12-03</unloadingDate>
                 *             <stateOfSeals>1</stateOfSeals>
                 *         </UnloadingRemark>
                 *     </ncts:CC044C>
                 */
                "application/xml": string;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The movement (ULID) */
                        id: string;
                        /** @description The message just taken */
                        messageId: string;
                        /** @description The exchange that carries it */
                        exchangeId: string;
                        replayed?: boolean;
                        links: {
                            self: string;
                            messages: string;
                            message?: string;
                            exchange?: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getArrivalMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CCnnnC message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listOverdueMovements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        movements: {
                            /** @description ULID */
                            id: string;
                            /** @enum {string} */
                            kind: "departure" | "arrival";
                            localReferenceNumber?: string | null;
                            /** @description Once allocated (IE028); for an arrival, the MRN it names */
                            movementReferenceNumber?: string | null;
                            /** @enum {string} */
                            state: "submitted" | "accepted" | "mrn-allocated" | "under-control" | "released" | "not-released" | "guarantee-not-valid" | "rejected" | "invalidated" | "arrived" | "written-off" | "unloading-permitted" | "unloading-remarks" | "goods-released";
                            /** @description Holder of the transit procedure (departure) or trader at destination (arrival) */
                            holder?: string | null;
                            officeOfDeparture?: string | null;
                            officeOfDestination?: string | null;
                            /** @description By when the goods must reach destination (set at release) */
                            timeLimit?: string | null;
                            /** @description When the movement was flagged overdue for an enquiry */
                            enquiry?: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            links: {
                                self: string;
                                messages: string;
                            };
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        kind: string;
                        name: string;
                        country?: string;
                        operator: boolean;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listAgreements: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            description: string;
                            when: {
                                documentKinds?: string[];
                                senderKinds?: string[];
                                hsChapters?: string[];
                                hsHeadings?: string[];
                                declarationDirections?: string[];
                                procedureCodes?: string[];
                                destinationCountries?: string[];
                                exportCountries?: string[];
                                citedDocumentCodes?: string[];
                            };
                            destination: string;
                            format: string;
                            mapping?: string;
                            signing?: string;
                            /**
                             * @description How deliveries under it travel (operators only)
                             * @enum {string}
                             */
                            transport?: "swgate" | "as4" | "ephyto-hub";
                            delivery: {
                                attempts?: number;
                                backoffMs?: number;
                                timeoutMs?: number;
                                /**
                                 * @description operators only
                                 * @enum {string}
                                 */
                                retry?: "automatic" | "never";
                                /** @description operators only */
                                ratePerSecond?: number;
                                /** @description operators only */
                                receiptTimeoutMs?: number;
                            };
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listParticipants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        participants: {
                            id: string;
                            kind: string;
                            name: string;
                            country: string | null;
                            /** @description "sandbox" (the simulated agency), the URL deliveries go to, or null when it receives none */
                            endpoint: string | null;
                            operator: boolean;
                            /** @description How deliveries to it travel, by the agreements that name it as destination */
                            transports: string[];
                            /** @description The agreements that name it as destination */
                            agreements: string[];
                            certificates: {
                                subject: string | null;
                                issuer: string | null;
                                /** @description hex */
                                serial: string | null;
                                /** @description SHA-256 of the DER, hex */
                                fingerprint256: string;
                                /** Format: date-time */
                                notBefore: string | null;
                                /** Format: date-time */
                                notAfter: string | null;
                                expiresInDays: number | null;
                                /** @description expiring: within 30 days; revoked: by a CRL the gateway holds */
                                flags: ("expiring" | "expired" | "revoked")[];
                                /**
                                 * @description A CA of its trust store, a certificate its signatures are checked against (or the gateway signs with), a registered mTLS client certificate (its fingerprint only)
                                 * @enum {string}
                                 */
                                usage: "trust-anchor" | "signing" | "mtls";
                            }[];
                        }[];
                        /** @description The gateway's own signing certificates */
                        gateway: {
                            certificates: {
                                subject: string | null;
                                issuer: string | null;
                                /** @description hex */
                                serial: string | null;
                                /** @description SHA-256 of the DER, hex */
                                fingerprint256: string;
                                /** Format: date-time */
                                notBefore: string | null;
                                /** Format: date-time */
                                notAfter: string | null;
                                expiresInDays: number | null;
                                /** @description expiring: within 30 days; revoked: by a CRL the gateway holds */
                                flags: ("expiring" | "expired" | "revoked")[];
                                /**
                                 * @description A CA of its trust store, a certificate its signatures are checked against (or the gateway signs with), a registered mTLS client certificate (its fingerprint only)
                                 * @enum {string}
                                 */
                                usage: "trust-anchor" | "signing" | "mtls";
                            }[];
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getParticipant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        kind: string;
                        name: string;
                        country: string | null;
                        /** @description "sandbox" (the simulated agency), the URL deliveries go to, or null when it receives none */
                        endpoint: string | null;
                        operator: boolean;
                        /** @description How deliveries to it travel, by the agreements that name it as destination */
                        transports: string[];
                        /** @description The agreements that name it as destination */
                        agreements: string[];
                        certificates: {
                            subject: string | null;
                            issuer: string | null;
                            /** @description hex */
                            serial: string | null;
                            /** @description SHA-256 of the DER, hex */
                            fingerprint256: string;
                            /** Format: date-time */
                            notBefore: string | null;
                            /** Format: date-time */
                            notAfter: string | null;
                            expiresInDays: number | null;
                            /** @description expiring: within 30 days; revoked: by a CRL the gateway holds */
                            flags: ("expiring" | "expired" | "revoked")[];
                            /**
                             * @description A CA of its trust store, a certificate its signatures are checked against (or the gateway signs with), a registered mTLS client certificate (its fingerprint only)
                             * @enum {string}
                             */
                            usage: "trust-anchor" | "signing" | "mtls";
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getTrends: {
        parameters: {
            query?: {
                /** @description Comma-separated, from: origin, exportCountry, commodity, office, lane, outcome, importer, exporter, declarant, carrier (the parties for customs only) */
                by?: string;
                /** @description Commodity code length: 2 the chapter, 4 the heading, 6 the subheading… */
                digits?: number;
                period?: "day" | "week" | "month" | "quarter" | "year";
                /** @description unitValue: customs value per kg */
                metric?: "count" | "value" | "mass" | "unitValue";
                /** @description First day, YYYY-MM-DD */
                from?: string;
                /** @description Last day, YYYY-MM-DD; at most 1098 days after from */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "by": [
                     *         "origin",
                     *         "commodity"
                     *       ],
                     *       "metric": "count",
                     *       "period": "week",
                     *       "digits": 4,
                     *       "from": "2025-07-01",
                     *       "to": "2025-07-31",
                     *       "series": [
                     *         {
                     *           "key": {
                     *             "origin": "CN",
                     *             "commodity": "8517"
                     *           },
                     *           "points": [
                     *             {
                     *               "period": "2025-W28",
                     *               "value": 41,
                     *               "declarations": 38
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "suppressed": 0,
                     *       "truncated": 0
                     *     }
                     */
                    "application/json": {
                        by: string[];
                        metric: string;
                        period: string;
                        digits: number;
                        /** Format: date */
                        from: string;
                        /** Format: date */
                        to: string;
                        series: {
                            /** @description The group: one entry per `by` */
                            key: {
                                [key: string]: string | null;
                            };
                            points: {
                                /** @description e.g. 2025-W28, 2025-07, 2025-Q3 */
                                period: string;
                                value: number | null;
                                declarations: number;
                            }[];
                        }[];
                        /** @description Cells left out because they rest on fewer declarations than the minimum cell count (never for customs) */
                        suppressed: number;
                        /** @description Series left out beyond the first 500 (largest first) */
                        truncated: number;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getAlerts: {
        parameters: {
            query?: {
                /** @description First day, YYYY-MM-DD */
                from?: string;
                /** @description Last day, YYYY-MM-DD; at most 1098 days after from */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "alerts": [
                     *         {
                     *           "kind": "unit-value-shift",
                     *           "origin": "TR",
                     *           "commodity": "610910",
                     *           "period": "2026-W13",
                     *           "observed": 26.83,
                     *           "expected": 50.43,
                     *           "score": 5.05
                     *         }
                     *       ],
                     *       "suppressed": 0
                     *     }
                     */
                    "application/json": {
                        alerts: {
                            /** @enum {string} */
                            kind: "count-surge" | "count-drop" | "value-surge" | "value-drop" | "unit-value-shift";
                            origin: string;
                            /** @description At the code length (2, 4 or 6) where the break shows best */
                            commodity: string;
                            /** @description ISO week, e.g. 2025-W28 */
                            period: string;
                            /** @description Declarations, customs value, or unit value (per kg), by kind */
                            observed: number;
                            /** @description The cell's own baseline for that week */
                            expected: number;
                            /** @description Distance from the baseline in robust standard deviations: the ranking */
                            score: number;
                        }[];
                        /** @description Cells left out because they rest on fewer declarations than the minimum cell count (never for customs) */
                        suppressed: number;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getCountryProfile: {
        parameters: {
            query?: {
                /** @description Commodity code length: 2 the chapter, 4 the heading, 6 the subheading… */
                digits?: number;
                /** @description First day, YYYY-MM-DD */
                from?: string;
                /** @description Last day, YYYY-MM-DD; at most 1098 days after from */
                to?: string;
            };
            header?: never;
            path: {
                /** @description ISO 3166 alpha-2 */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "country": "VN",
                     *       "commodities": [
                     *         {
                     *           "commodity": "6109",
                     *           "count": 812,
                     *           "declarations": 790,
                     *           "value": 1523400,
                     *           "share": 0.41,
                     *           "unitValue": {
                     *             "median": 18.2,
                     *             "p10": 9.5,
                     *             "p90": 31
                     *           }
                     *         }
                     *       ],
                     *       "suppressed": 0
                     *     }
                     */
                    "application/json": {
                        country: string;
                        commodities: {
                            commodity: string;
                            /** @description Goods items */
                            count: number;
                            declarations: number;
                            /** @description Customs value */
                            value: number;
                            /** @description The commodity's share of the country's value, 0 to 1 */
                            share: number;
                            /** @description Customs value per kg over the items that state both */
                            unitValue: {
                                median: number | null;
                                p10: number | null;
                                p90: number | null;
                            };
                        }[];
                        /** @description Cells left out because they rest on fewer declarations than the minimum cell count (never for customs) */
                        suppressed: number;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getTimeRelease: {
        parameters: {
            query?: {
                /** @description First day (YYYY-MM-DD, UTC); default 29 days before `to` */
                from?: string;
                /** @description Last day, included; default today */
                to?: string;
                destination?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures, as JSON or (Accept: text/csv) one CSV row per destination and day after a header row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date */
                        from: string;
                        /** Format: date */
                        to: string;
                        rows: {
                            destination: string;
                            /** Format: date */
                            day: string;
                            /** @description Deliveries of exchanges lodged that day */
                            count: number;
                            /** @description Seconds; null when no delivery of the day got there */
                            lodgedToDelivered: {
                                median: number | null;
                                p90: number | null;
                            };
                            /** @description Seconds; null when no delivery of the day got there */
                            lodgedToFinal: {
                                median: number | null;
                                p90: number | null;
                            };
                            rejectedShare: number;
                            failedShare: number;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getPartyNetwork: {
        parameters: {
            query: {
                /** @example GB150454489082 */
                party: string;
                depth?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "nodes": [
                     *         {
                     *           "id": "GB150454489082",
                     *           "kind": "declarant",
                     *           "declarations": 412,
                     *           "discrepancies": 9
                     *         },
                     *         {
                     *           "id": "GB553202734852",
                     *           "kind": "importer",
                     *           "declarations": 37,
                     *           "discrepancies": 0
                     *         },
                     *         {
                     *           "id": "email:adalovelace@example.org",
                     *           "kind": "buyer",
                     *           "declarations": 3,
                     *           "discrepancies": 1
                     *         }
                     *       ],
                     *       "edges": [
                     *         {
                     *           "source": "GB150454489082",
                     *           "target": "GB553202734852",
                     *           "kind": "declaration",
                     *           "count": 37
                     *         },
                     *         {
                     *           "source": "GB553202734852",
                     *           "target": "email:adalovelace@example.org",
                     *           "kind": "email",
                     *           "count": 2
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        nodes: {
                            /** @description The identifier as declared (EORI, TIN); `email:…` or `address:…` (normalised) for a party declared without one */
                            id: string;
                            /** @description The role it holds most: importer, exporter, declarant, carrier, seller, buyer, platform */
                            kind: string;
                            declarations: number;
                            /** @description Its declarations in which a control found a discrepancy */
                            discrepancies: number;
                        }[];
                        /** @description Strongest first */
                        edges: {
                            source: string;
                            target: string;
                            /**
                             * @description Parties of the same declarations, or sharing an identifier
                             * @enum {string}
                             */
                            kind: "declaration" | "email" | "address" | "payment";
                            /** @description Declarations carrying the link */
                            count: number;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    getMisclassifications: {
        parameters: {
            query: {
                /** @example 2026-01-01 */
                from: string;
                /** @example 2026-03-31 */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "model": {
                     *         "trainedAt": "2026-01-09T02:00:00.000Z",
                     *         "items": 1000000,
                     *         "chapters": 96,
                     *         "measured": {
                     *           "heldOut": 8210,
                     *           "accuracy": 0.93,
                     *           "confidence": 0.95,
                     *           "planted": 821,
                     *           "flagged": 512,
                     *           "precision": 0.97,
                     *           "recall": 0.6
                     *         }
                     *       },
                     *       "misclassifications": [
                     *         {
                     *           "declaration": "01JH2Q5V8N3R6W0A4C1E7G9K2M",
                     *           "source": "exchange",
                     *           "item": 1,
                     *           "date": "2026-01-08",
                     *           "description": "Mobile phone, smartphone 128 GB",
                     *           "commodity": "9503000000",
                     *           "suggestedChapter": "85",
                     *           "confidence": 0.998
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": {
                        /** @description The classifier that judged: when it was trained, on how much, and how it scored on descriptions it did not learn from */
                        model: {
                            /** Format: date-time */
                            trainedAt: string;
                            items: number;
                            chapters: number;
                            measured?: {
                                heldOut?: number;
                                accuracy?: number;
                                confidence?: number;
                                planted?: number;
                                flagged?: number;
                                precision?: number;
                                recall?: number;
                            };
                        };
                        /** @description Most confident first */
                        misclassifications: {
                            /** @description The exchange id, or the legacy sgd.id for history */
                            declaration: string;
                            /** @enum {string} */
                            source: "exchange" | "history";
                            item: number;
                            /** Format: date */
                            date: string;
                            description: string;
                            /** @description As declared */
                            commodity: string;
                            /** @description The HS chapter the description points to */
                            suggestedChapter: string;
                            /** @description The classifier's posterior for that chapter */
                            confidence: number;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    listSandboxReceived: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                participant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: {
                            messageId?: string;
                            exchangeId?: string;
                            mediaType?: string;
                            sha256?: string;
                            bytes?: number;
                            receivedAt?: string;
                            copies?: number;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeDeclaration: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: what the simulated destinations answer */
                "x-sandbox-scenario"?: "accept" | "warn" | "reject" | "slow" | "fail-once" | "fail-always";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8" standalone="no"?><md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2" xmlns:clm63055="urn:un:unece:uncefact:codelist:standard:UNECE:AgencyIdentificationCode:D12B" xmlns:ds="urn:wco:datamodel:WCO:MetaData_DS-DMS:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2 ../DocumentMetaData_2_DMS.xsd ">
                 *     	<md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
                 *     	<md:WCOTypeName>DEC</md:WCOTypeName>
                 *     	<md:ResponsibleCountryCode>GB</md:ResponsibleCountryCode>
                 *     	<md:ResponsibleAgencyName>HMRC</md:ResponsibleAgencyName>
                 *     	<md:AgencyAssignedCustomizationVersionCode>v2.1</md:AgencyAssignedCustomizationVersionCode>
                 *     	<Declaration xmlns:clm5ISO42173A="urn:un:unece:uncefact:codelist:standard:ISO:ISO3AlphaCurrencyCode:2012-08-31" xmlns:p1="urn:wco:datamodel:WCO:Declaration_DS:DMS:2" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:6" xsi:schemaLocation="urn:wco:datamodel:WCO:DEC-DMS:2 ../WCO_DEC_2_DMS.xsd ">
                 *     		<!--
                 *     			***
                 *     			Please note calculations in DMSTAX notification will be incorrect at this time, looking to resolve this next release.
                 *     			***
                 *     			SCENARIO RoW-NI, NIIMP, Goods 'At Risk'
                 *     			EU Liability, Retaliatory Duties
                 *     		-->
                 *
                 *     		<!--Function Code of 9 to represent an original declaration.-->
                 *     		<FunctionCode>9</FunctionCode>
                 *     		<!--DE 2/5: LRN.
                 *     			Trader's own reference number - this must be unique to the transaction -->
                 *     		<FunctionalReferenceID>78494316TTBI</FunctionalReferenceID>
                 *     		<!--DE 1/1: Declaration Type.
                 *     			IM to represent an import declaration. -->
                 *     		<!--DE 1/2: Additional Declaration Type.
                 *     			A to represent a standard frontier declaration. -->
                 *     		<TypeCode>IMA</TypeCode>
                 *     		<!--DE 1/9: Total number of goods items on the declaration.-->
                 *     		<GoodsItemQuantity>1</GoodsItemQuantity>
                 *     		<!--DE 6/18: Total packages - 100. Note that this matches DE 6/10 as this is a single item declaration.-->
                 *     		<TotalPackageQuantity>1000</TotalPackageQuantity>
                 *     		<!--DE 2/6: Deferred payment. This is mandatory when deferred payment is used.
                 *     			ID is the DAN account used for deferred payment (for excise duty in this scenario).
                 *     			This declared DAN belongs to the importer declared on the declaration. -->
                 *     		<AdditionalDocument>
                 *     			<CategoryCode>1</CategoryCode>
                 *     			<ID>1108656</ID>
                 *     			<TypeCode>DAN</TypeCode>
                 *     		</AdditionalDocument>
                 *     		<!--DE 3/39: An authorisation type code of DPO indicates Deferment of Payment authorisation.
                 *     			The ID here is the EORI of the DPO authorised party.-->
                 *     		<AuthorisationHolder>
                 *     			<ID>XI553202734852</ID>
                 *     			<CategoryCode>DPO</CategoryCode>
                 *     		</AuthorisationHolder>
                 *     		<!-- DE 3/39: Holder of the authorisation ID number. Mandatory if authorisation is required to declare goods to procedure.
                 *     			Type code of CGU indicates this is the EORI number of the simplified comprehensive guarantee (CCG) holder (see DE 2/3 where a document code of C505 has been entered). -->
                 *     		<AuthorisationHolder>
                 *     			<ID>XI553202734852</ID>
                 *     			<CategoryCode>CGU</CategoryCode>
                 *     		</AuthorisationHolder>
                 *     		<!--DE 7/15: Nationality of the active means of transport crossing the border, in this case GB.
                 *     			DE 7/4: ModeCode of 1 to represent Maritime/Sea transport as the mode of transport at the border. -->
                 *     		<BorderTransportMeans>
                 *     			<RegistrationNationalityCode>GB</RegistrationNationalityCode>
                 *     			<ModeCode>1</ModeCode>
                 *     		</BorderTransportMeans>
                 *     		<!--DE 3/18: The EORI number of the declarant entering the declaration.
                 *     			The UK requires an EORI to be provided for the declarant.
                 *     			In this scenario, the same as the EORI of the importer. -->
                 *     		<Declarant>
                 *     			<ID>XI553202734852</ID>
                 *     		</Declarant>
                 *     		<!--DE 3/1: Exporter.
                 *     			Exporter name and address is mandatory where no recognised EORI number has been entered into DE 3/2. -->
                 *     		<Exporter>
                 *     			<Name>Spectacles R US Ltd</Name>
                 *     			<Address>
                 *     				<CityName>Chicago</CityName>
                 *     				<CountryCode>US</CountryCode>
                 *     				<Line>1 Glass Street</Line>
                 *     				<PostcodeID>IL1 234</PostcodeID>
                 *     			</Address>
                 *     		</Exporter>
                 *     		<GoodsShipment>
                 *     			<!--DE 8/5: Nature of transaction.
                 *     				1 to indicate transactions involving actual or intended transfer of ownership from residents to non-residents against financial or other compensation. -->
                 *     			<TransactionNatureCode>1</TransactionNatureCode>
                 *     			<Consignment>
                 *     				<!--DE 7/2: Indicator to show if goods are packed in a container or not.
                 *     					1 indicates that goods are transported in containers.
                 *     					Note: Unlike CHIEF this must now be completed.-->
                 *     				<ContainerCode>1</ContainerCode>
                 *     				<!--DE 7/9: Identity of the means of transport on arrival.
                 *     					Example number representing IMO ship identification number: '10', and 5 digits for the identification number: '12345'. -->
                 *     				<ArrivalTransportMeans>
                 *     					<ID>12345</ID>
                 *     					<IdentificationTypeCode>10</IdentificationTypeCode>
                 *     				</ArrivalTransportMeans>
                 *     				<GoodsLocation>
                 *     					<!--DE 5/23: The location code for goods moved via shipping container from GB to NI via port of Warrenpoint. -->
                 *     					<Name>WPTWPTWPT</Name>
                 *     					<!--DE 5/23: Type of Location - A in this scenario to represent that it is a designated location.-->
                 *     					<TypeCode>A</TypeCode>
                 *     					<Address>
                 *     						<!--DE 5/23: Type of ID of the Location - U in this scenario for UN/LOCODE.-->
                 *     						<TypeCode>U</TypeCode>
                 *     						<!--DE 5/23: Country code of the country where the goods may be examined, GB in this scenario.-->
                 *     						<CountryCode>GB</CountryCode>
                 *     					</Address>
                 *     				</GoodsLocation>
                 *     				<!--DE 7/10: Container identification number.
                 *     					This is alpha-numeric with up to 17 characters.
                 *     					For containers covered by the standard ISO 6346, the identifier (prefix) allocated
                 *     					by the International Bureau of Containers and Intermodal Transport (BIC) shall
                 *     					also be provided in addition to the container identification number.
                 *     					For swap bodies and semi-trailers the ILU (Intermodal Loading Units) code as
                 *     					introduced by the European EN 13044 shall be used.-->
                 *     				<TransportEquipment>
                 *     					<SequenceNumeric>1</SequenceNumeric>
                 *     					<ID>BG1234</ID>
                 *     				</TransportEquipment>
                 *     			</Consignment>
                 *     			<!--DE 5/8: Country code of the destination country: GB -->
                 *     			<Destination>
                 *     				<CountryCode>GB</CountryCode>
                 *     			</Destination>
                 *     			<GovernmentAgencyGoodsItem>
                 *     				<!--DE 1/6: Sequential number of the goods item.-->
                 *     				<SequenceNumeric>1</SequenceNumeric>
                 *     				<!-- DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					This field is mandatory if the codes are required.
                 *     					A document code of C505 indicates CGU - Authorisation for the provision of a customs comprehensive guarantee, including possible reduction or waiver. In this scenario, a waiver to the CCG authorisation is being used (indicated by the status code of CC), and therefore the ID also indicates that a waiver is being used.
                 *     					LPCOExemptionCode: CC indicates Authorisation issued under the Community Customs Code – CCG not required. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XICGU55320273485220231019133850</ID>
                 *     					<TypeCode>505</TypeCode>
                 *     					<LPCOExemptionCode>CC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					C506 indicates DPO - Authorisation for the deferment of payment.
                 *     					Provide the authorisation decision number for the deferment of payment
                 *     					authorisation in format:
                 *     					- 2 digit code identifying the member state of authorisation, for example, GB
                 *     					- 3 digit code indicating that a deferment of payment authorisation is held, that is, DPO
                 *     					- Followed by the authorisation reference number. No document status code is required. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XIDPO1108656</ID>
                 *     					<TypeCode>506</TypeCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					A document code of C400 indicates Presentation of the required "CITES" certificate.Commission Reg 160/2017 amending Council Reg (EC) No 338/97 on the protection of species of wild fauna and flora by regulating trade therein.
                 *     					LPCOExemptionCode: AC indicates Document attached for certification by customs. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XIICP553202734852</ID>
                 *     					<TypeCode>400</TypeCode>
                 *     					<LPCOExemptionCode>AC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XIICP553202734852</ID>
                 *     					<TypeCode>405</TypeCode>
                 *     					<LPCOExemptionCode>AC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					A document code of N935 indicates: the invoice on the basis of which the customs value of the goods is declared.
                 *     					This is required as a Valuation Method of 1 to indicate transaction value has been declared in DE 4/16. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>N</CategoryCode>
                 *     					<ID>12345/03.01.2022</ID>
                 *     					<TypeCode>935</TypeCode>
                 *     					<LPCOExemptionCode>AC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/2: Additional information.
                 *     					00500 - IMPORTER Indicating Self representation by the importer. -->
                 *     				<AdditionalInformation>
                 *     					<StatementCode>00500</StatementCode>
                 *     					<StatementDescription>IMPORTER</StatementDescription>
                 *     				</AdditionalInformation>
                 *     				<!--DE 2/2: Additional Information.
                 *     					This field is mandatory, this represents goods are imported from ROW into Northern Ireland. -->
                 *     				<AdditionalInformation>
                 *     					<StatementCode>NIIMP</StatementCode>
                 *     				</AdditionalInformation>
                 *     				<Commodity>
                 *     					<!--DE 6/8: Description of Goods.
                 *     						Description specific enough to enable classification - without repeating the CN code description in the Tariff. -->
                 *     					<Description>Frames and mountings used for spectacles, made of base metal</Description>
                 *     					<Classification>
                 *     						<!--DE 6/14: Commodity Code - Combined Nomenclature Code.-->
                 *     						<ID>90031900</ID>
                 *     						<IdentificationTypeCode>TSP</IdentificationTypeCode>
                 *     					</Classification>
                 *     					<Classification>
                 *     						<!--DE 6/15: Commodity Code - The TARIC code.
                 *     							Two characters for the application of specific Union measures in respect of formalities to be completed at destination. -->
                 *     						<ID>40</ID>
                 *     						<IdentificationTypeCode>TRC</IdentificationTypeCode>
                 *     					</Classification>
                 *     					<DutyTaxFee>
                 *     						<!--DE 4/17: Preference Type of 100 represents no preference being claimed.-->
                 *     						<DutyRegimeCode>100</DutyRegimeCode>
                 *     						<!--DE 4/3: Tax Type of A50 represents EU Customs Duty -->
                 *     						<TypeCode>A50</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 1 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<!--DE 4/3: Tax Type of A70 represents EU Tariff Additional Duty -->
                 *     					<DutyTaxFee>
                 *     						<TypeCode>A70</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 2 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<DutyTaxFee>
                 *     						<TypeCode>B00</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 3 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<DutyTaxFee>
                 *     						<TypeCode>B05</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 4 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<GoodsMeasure>
                 *     						<!--DE 6/5: Gross mass of the goods in kilograms including packaging.-->
                 *     						<GrossMassMeasure>55</GrossMassMeasure>
                 *     						<!--DE 6/1: Net mass of the goods in kilograms without any packaging.-->
                 *     						<NetNetWeightMeasure>50</NetNetWeightMeasure>
                 *     						<!--DE 6/2: Supplementary Units -->
                 *     						<TariffQuantity>1000</TariffQuantity>
                 *     					</GoodsMeasure>
                 *     					<!--DE 4/14: Item price amount. The invoice was issued with a value of 2000 and the currency of GBP.-->
                 *     					<InvoiceLine>
                 *     						<ItemChargeAmount currencyID="GBP">10000</ItemChargeAmount>
                 *     					</InvoiceLine>
                 *     				</Commodity>
                 *     				<!--DE 4/16: Valuation method: 1 to indicate the method is transaction value of the goods.-->
                 *     				<CustomsValuation>
                 *     					<MethodCode>1</MethodCode>
                 *     				</CustomsValuation>
                 *     				<!--DE 5/14: Country of Dispatch/Export Code.
                 *     					For declarations with a single goods item, this DE can be declared at header or item level.
                 *     					In this case, US. -->
                 *     				<ExportCountry>
                 *     					<ID>US</ID>
                 *     				</ExportCountry>
                 *     				<!-- DE 1/10: CurrentCode: 40 indicating entry for free circulation and home use of non-union goods.
                 *     						DE 1/10: Previous Procedure of 00 indicating there is no previous procedure.-->
                 *     				<GovernmentProcedure>
                 *     					<CurrentCode>40</CurrentCode>
                 *     					<PreviousCode>00</PreviousCode>
                 *     				</GovernmentProcedure>
                 *     				<!--DE 1/11: 000 to indicate no additional procedure.-->
                 *     				<GovernmentProcedure>
                 *     					<CurrentCode>000</CurrentCode>
                 *     				</GovernmentProcedure>
                 *     				<!--DE 5/15: TypeCode of 1 to represent non-preferential origin.
                 *     						Where preference in DE 4/17 begins with '1', this must be completed.
                 *     						CountryCode contains the code for the country from which the originated, in this case US  -->
                 *     				<Origin>
                 *     					<CountryCode>US</CountryCode>
                 *     					<TypeCode>1</TypeCode>
                 *     				</Origin>
                 *     				<Packaging>
                 *     					<SequenceNumeric>1</SequenceNumeric>
                 *     					<!--DE 6/11: Shipping marks on the packages.-->
                 *     					<MarksNumbersID>GBSB123456</MarksNumbersID>
                 *     					<!--DE 6/10: Number of packages, in this case 100.-->
                 *     					<QuantityQuantity>1000</QuantityQuantity>
                 *     					<!--DE 6/9: Type of packages - BX to represent Box.-->
                 *     					<TypeCode>BX</TypeCode>
                 *     				</Packaging>
                 *     				<!--DE 4/13: Valuation indicators. Mandatory if method 1 is being used. (See DE 4/16 where Method 1 has been entered.)
                 *     					First digit: 0 = there is no price influence as a result of a Party Relationship between the buyer and seller.
                 *     					Second digit: 0 = there are no restrictions as to the disposal or use of the goods by the buyer in accordance
                 *     					with Article 70(3)(a) of the Code.
                 *     					Third digit: 0 = the sale or price is not subject to some condition or consideration in accordance
                 *     					with Article 70(3)(b) of the Code.
                 *     					Fourth digit: 0 = the sale is not subject to an arrangement under which part of the proceeds of any subsequent resale,
                 *     					disposal or use accrues directly or indirectly to the seller.-->
                 *     				<ValuationAdjustment>
                 *     					<AdditionCode>0000</AdditionCode>
                 *     				</ValuationAdjustment>
                 *     			</GovernmentAgencyGoodsItem>
                 *     			<!--DE 3/16: EORI number of the Importer.-->
                 *     			<Importer>
                 *     				<ID>XI553202734852</ID>
                 *     			</Importer>
                 *     			<!--DE 2/1: Previous document of Z355 to show the MRN for the
                 *     				entry summary declaration. This is a mandatory field. To denote the inventory
                 *     				reference number. Note: As this is for a single item declaration, this should
                 *     				all be declared at header level-->
                 *     			<PreviousDocument>
                 *     				<CategoryCode>Z</CategoryCode>
                 *     				<ID>22XI34F7Y1O2CX8PT4</ID>
                 *     				<TypeCode>355</TypeCode>
                 *     				<LineNumeric>1</LineNumeric>
                 *     			</PreviousDocument>
                 *     			<!--DE 4/1: Mandatory as method 1 is being used in DE 4/16.
                 *     				CIF to indicate Cost, Insurance and Freight.
                 *     				GBWPT to represent the named port of destination: Warrenpoint, Northern Ireland, UK,  a non-inventory linked location -->
                 *     			<TradeTerms>
                 *     				<ConditionCode>CIF</ConditionCode>
                 *     				<LocationID>GBWPT</LocationID>
                 *     			</TradeTerms>
                 *     		</GoodsShipment>
                 *     		<ObligationGuarantee>
                 *     			<!-- DE 8/3: Guarantee reference number. Mandatory field for certain procedure codes/MOP.
                 *     					ID: 'Guaranteenotrequired' indicates that the guarantee is not required, as stated in DE 8/2. Where document code C505 is declared in DE 2/3 (Document Codes) and authorisation type code CGU is declared in DE 3/39 (Holder of the Authorisation), then this data element is mandatory. -->
                 *     			<ID>Guaranteenotrequired</ID>
                 *     			<!-- DE 8/2: Guarantee type. Mandatory field for certain procedure codes/MOP.
                 *     					SecurityDetailsCode: '0' to represent that a customs comprehensive guarantee is being waived for the deferment of customs duty. Where document code C505 is declared in DE 2/3 (Document Codes) and authorisation type code CGU is declared in DE 3/39 (Holder of the Authorisation), then code 0 or 1 must be declared in this data element-->
                 *     			<SecurityDetailsCode>0</SecurityDetailsCode>
                 *     		</ObligationGuarantee>
                 *     	</Declaration>
                 *     </md:MetaData>
                 */
                "application/xml": string;
                "application/json": components["schemas"]["WcoDeclaration"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        exchangeId: string;
                        status: string;
                        /** Format: date-time */
                        receivedAt: string;
                        contentSha256: string;
                        links: {
                            self: string;
                            provenance?: string;
                        };
                        /** @description For an e-LPCO: its id in the registry (GET /v1/lpcos/{id}) */
                        lpcoId?: string;
                        /** @description Where the record of its receipt stands in the provenance log */
                        provenance?: {
                            leafIndex: number;
                            /** @description base64 */
                            leafHash: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    lodgeConsignment: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
                /** @description Sandbox only: what the simulated destinations answer */
                "x-sandbox-scenario"?: "accept" | "warn" | "reject" | "slow" | "fail-once" | "fail-always";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "consignmentId": "ECOM-2026-000417",
                 *       "seller": {
                 *         "id": "CN913301001234567",
                 *         "name": "Hangzhou Teaware Trading Co.",
                 *         "address": {
                 *           "line": "88 Wensan Road",
                 *           "city": "Hangzhou",
                 *           "postcode": "310012",
                 *           "country": "CN"
                 *         }
                 *       },
                 *       "buyer": {
                 *         "name": "Ada Lovelace",
                 *         "email": "ada@example.org",
                 *         "address": {
                 *           "line": "12 St James's Square",
                 *           "city": "London",
                 *           "postcode": "SW1Y 4JH",
                 *           "country": "GB"
                 *         }
                 *       },
                 *       "platform": {
                 *         "id": "GB123456789000",
                 *         "name": "Example Marketplace Ltd",
                 *         "url": "https://marketplace.example"
                 *       },
                 *       "order": {
                 *         "id": "ORD-77123",
                 *         "date": "2026-01-08",
                 *         "total": {
                 *           "amount": "41.50",
                 *           "currency": "GBP"
                 *         }
                 *       },
                 *       "payment": {
                 *         "transactionId": "PAY-9F3A21",
                 *         "method": "card",
                 *         "date": "2026-01-08"
                 *       },
                 *       "shipment": {
                 *         "trackingNumber": "LX123456785CN",
                 *         "carrier": {
                 *           "name": "China Post"
                 *         },
                 *         "deliveryMode": "postal",
                 *         "pieces": "1",
                 *         "grossWeight": {
                 *           "value": "1250",
                 *           "unitCode": "GRM"
                 *         },
                 *         "exportCountry": "CN"
                 *       },
                 *       "items": [
                 *         {
                 *           "description": "Porcelain teapot",
                 *           "hsCode": "691200",
                 *           "quantity": "1",
                 *           "value": {
                 *             "amount": "29.00",
                 *             "currency": "GBP"
                 *           },
                 *           "weight": {
                 *             "value": "900",
                 *             "unitCode": "GRM"
                 *           },
                 *           "origin": "CN"
                 *         },
                 *         {
                 *           "description": "Green tea, in packings of 100 g",
                 *           "hsCode": "090210",
                 *           "quantity": "2",
                 *           "value": {
                 *             "amount": "12.50",
                 *             "currency": "GBP"
                 *           },
                 *           "weight": {
                 *             "value": "200",
                 *             "unitCode": "GRM"
                 *           },
                 *           "origin": "CN"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["Consignment"];
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        exchangeId: string;
                        status: string;
                        /** Format: date-time */
                        receivedAt: string;
                        contentSha256: string;
                        links: {
                            self: string;
                            provenance?: string;
                        };
                        /** @description For an e-LPCO: its id in the registry (GET /v1/lpcos/{id}) */
                        lpcoId?: string;
                        /** @description Where the record of its receipt stands in the provenance log */
                        provenance?: {
                            leafIndex: number;
                            /** @description base64 */
                            leafHash: string;
                        };
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    receiveEnvelope: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/xml": string;
                "application/jose": string;
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description ULID */
                        exchangeId: string;
                        status: string;
                        /** Format: date-time */
                        receivedAt: string;
                        contentSha256: string;
                        links: {
                            self: string;
                            provenance?: string;
                        };
                        /** @description For an e-LPCO: its id in the registry (GET /v1/lpcos/{id}) */
                        lpcoId?: string;
                        /** @description Where the record of its receipt stands in the provenance log */
                        provenance?: {
                            leafIndex: number;
                            /** @description base64 */
                            leafHash: string;
                        };
                        /** @description compact JWS, typ swgate-receipt+jws */
                        receipt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    receiveAs4: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/related": string;
                "application/soap+xml": string;
            };
        };
        responses: {
            /** @description An ebMS signal (Receipt, Error with severity warning) or a pulled UserMessage */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/soap+xml": string;
                    "multipart/related": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description An ebMS Error signal in a SOAP Fault */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/soap+xml": string;
                };
            };
        };
    };
    receivePartnerMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/jose": string;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messageId: string;
                        /** @enum {string} */
                        kind: "control-result" | "aeo-status";
                        /** Format: date-time */
                        receivedAt: string;
                        /** @description The MessageId was taken before with the same content: answered as then, nothing written again */
                        replayed: boolean;
                        /** @description control-result: the id of the stored partner control */
                        controlId?: string;
                        /** @description aeo-status: each operator's authorisation as it now stands */
                        authorisations?: {
                            operatorId: string;
                            /** @description Whose register: this customs administration's participant id, or a partner customs' */
                            authority: string;
                            version: number;
                            /** @enum {string} */
                            status: "granted" | "suspended" | "revoked";
                            /**
                             * @description AEOC customs simplifications, AEOS security and safety, AEOF both
                             * @enum {string}
                             */
                            type: "AEOC" | "AEOS" | "AEOF";
                            /** @description YYYY-MM-DD */
                            validFrom: string;
                            /** @description YYYY-MM-DD, inclusive; absent: open-ended */
                            validTo?: string;
                            /** Format: date-time */
                            changedAt: string;
                            changedBy: string;
                        }[];
                        /** @description compact JWS, typ swgate-receipt+jws */
                        receipt: string;
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    validateDocument: {
        parameters: {
            query?: {
                kind?: "declaration";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example <?xml version="1.0" encoding="UTF-8" standalone="no"?><md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:DEC-DMS:2" xmlns:clm63055="urn:un:unece:uncefact:codelist:standard:UNECE:AgencyIdentificationCode:D12B" xmlns:ds="urn:wco:datamodel:WCO:MetaData_DS-DMS:2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2 ../DocumentMetaData_2_DMS.xsd ">
                 *     	<md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode>
                 *     	<md:WCOTypeName>DEC</md:WCOTypeName>
                 *     	<md:ResponsibleCountryCode>GB</md:ResponsibleCountryCode>
                 *     	<md:ResponsibleAgencyName>HMRC</md:ResponsibleAgencyName>
                 *     	<md:AgencyAssignedCustomizationVersionCode>v2.1</md:AgencyAssignedCustomizationVersionCode>
                 *     	<Declaration xmlns:clm5ISO42173A="urn:un:unece:uncefact:codelist:standard:ISO:ISO3AlphaCurrencyCode:2012-08-31" xmlns:p1="urn:wco:datamodel:WCO:Declaration_DS:DMS:2" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:6" xsi:schemaLocation="urn:wco:datamodel:WCO:DEC-DMS:2 ../WCO_DEC_2_DMS.xsd ">
                 *     		<!--
                 *     			***
                 *     			Please note calculations in DMSTAX notification will be incorrect at this time, looking to resolve this next release.
                 *     			***
                 *     			SCENARIO RoW-NI, NIIMP, Goods 'At Risk'
                 *     			EU Liability, Retaliatory Duties
                 *     		-->
                 *
                 *     		<!--Function Code of 9 to represent an original declaration.-->
                 *     		<FunctionCode>9</FunctionCode>
                 *     		<!--DE 2/5: LRN.
                 *     			Trader's own reference number - this must be unique to the transaction -->
                 *     		<FunctionalReferenceID>78494316TTBI</FunctionalReferenceID>
                 *     		<!--DE 1/1: Declaration Type.
                 *     			IM to represent an import declaration. -->
                 *     		<!--DE 1/2: Additional Declaration Type.
                 *     			A to represent a standard frontier declaration. -->
                 *     		<TypeCode>IMA</TypeCode>
                 *     		<!--DE 1/9: Total number of goods items on the declaration.-->
                 *     		<GoodsItemQuantity>1</GoodsItemQuantity>
                 *     		<!--DE 6/18: Total packages - 100. Note that this matches DE 6/10 as this is a single item declaration.-->
                 *     		<TotalPackageQuantity>1000</TotalPackageQuantity>
                 *     		<!--DE 2/6: Deferred payment. This is mandatory when deferred payment is used.
                 *     			ID is the DAN account used for deferred payment (for excise duty in this scenario).
                 *     			This declared DAN belongs to the importer declared on the declaration. -->
                 *     		<AdditionalDocument>
                 *     			<CategoryCode>1</CategoryCode>
                 *     			<ID>1108656</ID>
                 *     			<TypeCode>DAN</TypeCode>
                 *     		</AdditionalDocument>
                 *     		<!--DE 3/39: An authorisation type code of DPO indicates Deferment of Payment authorisation.
                 *     			The ID here is the EORI of the DPO authorised party.-->
                 *     		<AuthorisationHolder>
                 *     			<ID>XI553202734852</ID>
                 *     			<CategoryCode>DPO</CategoryCode>
                 *     		</AuthorisationHolder>
                 *     		<!-- DE 3/39: Holder of the authorisation ID number. Mandatory if authorisation is required to declare goods to procedure.
                 *     			Type code of CGU indicates this is the EORI number of the simplified comprehensive guarantee (CCG) holder (see DE 2/3 where a document code of C505 has been entered). -->
                 *     		<AuthorisationHolder>
                 *     			<ID>XI553202734852</ID>
                 *     			<CategoryCode>CGU</CategoryCode>
                 *     		</AuthorisationHolder>
                 *     		<!--DE 7/15: Nationality of the active means of transport crossing the border, in this case GB.
                 *     			DE 7/4: ModeCode of 1 to represent Maritime/Sea transport as the mode of transport at the border. -->
                 *     		<BorderTransportMeans>
                 *     			<RegistrationNationalityCode>GB</RegistrationNationalityCode>
                 *     			<ModeCode>1</ModeCode>
                 *     		</BorderTransportMeans>
                 *     		<!--DE 3/18: The EORI number of the declarant entering the declaration.
                 *     			The UK requires an EORI to be provided for the declarant.
                 *     			In this scenario, the same as the EORI of the importer. -->
                 *     		<Declarant>
                 *     			<ID>XI553202734852</ID>
                 *     		</Declarant>
                 *     		<!--DE 3/1: Exporter.
                 *     			Exporter name and address is mandatory where no recognised EORI number has been entered into DE 3/2. -->
                 *     		<Exporter>
                 *     			<Name>Spectacles R US Ltd</Name>
                 *     			<Address>
                 *     				<CityName>Chicago</CityName>
                 *     				<CountryCode>US</CountryCode>
                 *     				<Line>1 Glass Street</Line>
                 *     				<PostcodeID>IL1 234</PostcodeID>
                 *     			</Address>
                 *     		</Exporter>
                 *     		<GoodsShipment>
                 *     			<!--DE 8/5: Nature of transaction.
                 *     				1 to indicate transactions involving actual or intended transfer of ownership from residents to non-residents against financial or other compensation. -->
                 *     			<TransactionNatureCode>1</TransactionNatureCode>
                 *     			<Consignment>
                 *     				<!--DE 7/2: Indicator to show if goods are packed in a container or not.
                 *     					1 indicates that goods are transported in containers.
                 *     					Note: Unlike CHIEF this must now be completed.-->
                 *     				<ContainerCode>1</ContainerCode>
                 *     				<!--DE 7/9: Identity of the means of transport on arrival.
                 *     					Example number representing IMO ship identification number: '10', and 5 digits for the identification number: '12345'. -->
                 *     				<ArrivalTransportMeans>
                 *     					<ID>12345</ID>
                 *     					<IdentificationTypeCode>10</IdentificationTypeCode>
                 *     				</ArrivalTransportMeans>
                 *     				<GoodsLocation>
                 *     					<!--DE 5/23: The location code for goods moved via shipping container from GB to NI via port of Warrenpoint. -->
                 *     					<Name>WPTWPTWPT</Name>
                 *     					<!--DE 5/23: Type of Location - A in this scenario to represent that it is a designated location.-->
                 *     					<TypeCode>A</TypeCode>
                 *     					<Address>
                 *     						<!--DE 5/23: Type of ID of the Location - U in this scenario for UN/LOCODE.-->
                 *     						<TypeCode>U</TypeCode>
                 *     						<!--DE 5/23: Country code of the country where the goods may be examined, GB in this scenario.-->
                 *     						<CountryCode>GB</CountryCode>
                 *     					</Address>
                 *     				</GoodsLocation>
                 *     				<!--DE 7/10: Container identification number.
                 *     					This is alpha-numeric with up to 17 characters.
                 *     					For containers covered by the standard ISO 6346, the identifier (prefix) allocated
                 *     					by the International Bureau of Containers and Intermodal Transport (BIC) shall
                 *     					also be provided in addition to the container identification number.
                 *     					For swap bodies and semi-trailers the ILU (Intermodal Loading Units) code as
                 *     					introduced by the European EN 13044 shall be used.-->
                 *     				<TransportEquipment>
                 *     					<SequenceNumeric>1</SequenceNumeric>
                 *     					<ID>BG1234</ID>
                 *     				</TransportEquipment>
                 *     			</Consignment>
                 *     			<!--DE 5/8: Country code of the destination country: GB -->
                 *     			<Destination>
                 *     				<CountryCode>GB</CountryCode>
                 *     			</Destination>
                 *     			<GovernmentAgencyGoodsItem>
                 *     				<!--DE 1/6: Sequential number of the goods item.-->
                 *     				<SequenceNumeric>1</SequenceNumeric>
                 *     				<!-- DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					This field is mandatory if the codes are required.
                 *     					A document code of C505 indicates CGU - Authorisation for the provision of a customs comprehensive guarantee, including possible reduction or waiver. In this scenario, a waiver to the CCG authorisation is being used (indicated by the status code of CC), and therefore the ID also indicates that a waiver is being used.
                 *     					LPCOExemptionCode: CC indicates Authorisation issued under the Community Customs Code – CCG not required. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XICGU55320273485220231019133850</ID>
                 *     					<TypeCode>505</TypeCode>
                 *     					<LPCOExemptionCode>CC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					C506 indicates DPO - Authorisation for the deferment of payment.
                 *     					Provide the authorisation decision number for the deferment of payment
                 *     					authorisation in format:
                 *     					- 2 digit code identifying the member state of authorisation, for example, GB
                 *     					- 3 digit code indicating that a deferment of payment authorisation is held, that is, DPO
                 *     					- Followed by the authorisation reference number. No document status code is required. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XIDPO1108656</ID>
                 *     					<TypeCode>506</TypeCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					A document code of C400 indicates Presentation of the required "CITES" certificate.Commission Reg 160/2017 amending Council Reg (EC) No 338/97 on the protection of species of wild fauna and flora by regulating trade therein.
                 *     					LPCOExemptionCode: AC indicates Document attached for certification by customs. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XIICP553202734852</ID>
                 *     					<TypeCode>400</TypeCode>
                 *     					<LPCOExemptionCode>AC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>C</CategoryCode>
                 *     					<ID>XIICP553202734852</ID>
                 *     					<TypeCode>405</TypeCode>
                 *     					<LPCOExemptionCode>AC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/3: Documents produced, certificates and authorisations, additional references.
                 *     					A document code of N935 indicates: the invoice on the basis of which the customs value of the goods is declared.
                 *     					This is required as a Valuation Method of 1 to indicate transaction value has been declared in DE 4/16. -->
                 *     				<AdditionalDocument>
                 *     					<CategoryCode>N</CategoryCode>
                 *     					<ID>12345/03.01.2022</ID>
                 *     					<TypeCode>935</TypeCode>
                 *     					<LPCOExemptionCode>AC</LPCOExemptionCode>
                 *     				</AdditionalDocument>
                 *     				<!--DE 2/2: Additional information.
                 *     					00500 - IMPORTER Indicating Self representation by the importer. -->
                 *     				<AdditionalInformation>
                 *     					<StatementCode>00500</StatementCode>
                 *     					<StatementDescription>IMPORTER</StatementDescription>
                 *     				</AdditionalInformation>
                 *     				<!--DE 2/2: Additional Information.
                 *     					This field is mandatory, this represents goods are imported from ROW into Northern Ireland. -->
                 *     				<AdditionalInformation>
                 *     					<StatementCode>NIIMP</StatementCode>
                 *     				</AdditionalInformation>
                 *     				<Commodity>
                 *     					<!--DE 6/8: Description of Goods.
                 *     						Description specific enough to enable classification - without repeating the CN code description in the Tariff. -->
                 *     					<Description>Frames and mountings used for spectacles, made of base metal</Description>
                 *     					<Classification>
                 *     						<!--DE 6/14: Commodity Code - Combined Nomenclature Code.-->
                 *     						<ID>90031900</ID>
                 *     						<IdentificationTypeCode>TSP</IdentificationTypeCode>
                 *     					</Classification>
                 *     					<Classification>
                 *     						<!--DE 6/15: Commodity Code - The TARIC code.
                 *     							Two characters for the application of specific Union measures in respect of formalities to be completed at destination. -->
                 *     						<ID>40</ID>
                 *     						<IdentificationTypeCode>TRC</IdentificationTypeCode>
                 *     					</Classification>
                 *     					<DutyTaxFee>
                 *     						<!--DE 4/17: Preference Type of 100 represents no preference being claimed.-->
                 *     						<DutyRegimeCode>100</DutyRegimeCode>
                 *     						<!--DE 4/3: Tax Type of A50 represents EU Customs Duty -->
                 *     						<TypeCode>A50</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 1 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<!--DE 4/3: Tax Type of A70 represents EU Tariff Additional Duty -->
                 *     					<DutyTaxFee>
                 *     						<TypeCode>A70</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 2 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<DutyTaxFee>
                 *     						<TypeCode>B00</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 3 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<DutyTaxFee>
                 *     						<TypeCode>B05</TypeCode>
                 *     						<!-- DE 4/8: MethodCode of E to indicate Deferment used for import - Tax line 4 -->
                 *     						<Payment>
                 *     							<MethodCode>E</MethodCode>
                 *     						</Payment>
                 *     					</DutyTaxFee>
                 *     					<GoodsMeasure>
                 *     						<!--DE 6/5: Gross mass of the goods in kilograms including packaging.-->
                 *     						<GrossMassMeasure>55</GrossMassMeasure>
                 *     						<!--DE 6/1: Net mass of the goods in kilograms without any packaging.-->
                 *     						<NetNetWeightMeasure>50</NetNetWeightMeasure>
                 *     						<!--DE 6/2: Supplementary Units -->
                 *     						<TariffQuantity>1000</TariffQuantity>
                 *     					</GoodsMeasure>
                 *     					<!--DE 4/14: Item price amount. The invoice was issued with a value of 2000 and the currency of GBP.-->
                 *     					<InvoiceLine>
                 *     						<ItemChargeAmount currencyID="GBP">10000</ItemChargeAmount>
                 *     					</InvoiceLine>
                 *     				</Commodity>
                 *     				<!--DE 4/16: Valuation method: 1 to indicate the method is transaction value of the goods.-->
                 *     				<CustomsValuation>
                 *     					<MethodCode>1</MethodCode>
                 *     				</CustomsValuation>
                 *     				<!--DE 5/14: Country of Dispatch/Export Code.
                 *     					For declarations with a single goods item, this DE can be declared at header or item level.
                 *     					In this case, US. -->
                 *     				<ExportCountry>
                 *     					<ID>US</ID>
                 *     				</ExportCountry>
                 *     				<!-- DE 1/10: CurrentCode: 40 indicating entry for free circulation and home use of non-union goods.
                 *     						DE 1/10: Previous Procedure of 00 indicating there is no previous procedure.-->
                 *     				<GovernmentProcedure>
                 *     					<CurrentCode>40</CurrentCode>
                 *     					<PreviousCode>00</PreviousCode>
                 *     				</GovernmentProcedure>
                 *     				<!--DE 1/11: 000 to indicate no additional procedure.-->
                 *     				<GovernmentProcedure>
                 *     					<CurrentCode>000</CurrentCode>
                 *     				</GovernmentProcedure>
                 *     				<!--DE 5/15: TypeCode of 1 to represent non-preferential origin.
                 *     						Where preference in DE 4/17 begins with '1', this must be completed.
                 *     						CountryCode contains the code for the country from which the originated, in this case US  -->
                 *     				<Origin>
                 *     					<CountryCode>US</CountryCode>
                 *     					<TypeCode>1</TypeCode>
                 *     				</Origin>
                 *     				<Packaging>
                 *     					<SequenceNumeric>1</SequenceNumeric>
                 *     					<!--DE 6/11: Shipping marks on the packages.-->
                 *     					<MarksNumbersID>GBSB123456</MarksNumbersID>
                 *     					<!--DE 6/10: Number of packages, in this case 100.-->
                 *     					<QuantityQuantity>1000</QuantityQuantity>
                 *     					<!--DE 6/9: Type of packages - BX to represent Box.-->
                 *     					<TypeCode>BX</TypeCode>
                 *     				</Packaging>
                 *     				<!--DE 4/13: Valuation indicators. Mandatory if method 1 is being used. (See DE 4/16 where Method 1 has been entered.)
                 *     					First digit: 0 = there is no price influence as a result of a Party Relationship between the buyer and seller.
                 *     					Second digit: 0 = there are no restrictions as to the disposal or use of the goods by the buyer in accordance
                 *     					with Article 70(3)(a) of the Code.
                 *     					Third digit: 0 = the sale or price is not subject to some condition or consideration in accordance
                 *     					with Article 70(3)(b) of the Code.
                 *     					Fourth digit: 0 = the sale is not subject to an arrangement under which part of the proceeds of any subsequent resale,
                 *     					disposal or use accrues directly or indirectly to the seller.-->
                 *     				<ValuationAdjustment>
                 *     					<AdditionCode>0000</AdditionCode>
                 *     				</ValuationAdjustment>
                 *     			</GovernmentAgencyGoodsItem>
                 *     			<!--DE 3/16: EORI number of the Importer.-->
                 *     			<Importer>
                 *     				<ID>XI553202734852</ID>
                 *     			</Importer>
                 *     			<!--DE 2/1: Previous document of Z355 to show the MRN for the
                 *     				entry summary declaration. This is a mandatory field. To denote the inventory
                 *     				reference number. Note: As this is for a single item declaration, this should
                 *     				all be declared at header level-->
                 *     			<PreviousDocument>
                 *     				<CategoryCode>Z</CategoryCode>
                 *     				<ID>22XI34F7Y1O2CX8PT4</ID>
                 *     				<TypeCode>355</TypeCode>
                 *     				<LineNumeric>1</LineNumeric>
                 *     			</PreviousDocument>
                 *     			<!--DE 4/1: Mandatory as method 1 is being used in DE 4/16.
                 *     				CIF to indicate Cost, Insurance and Freight.
                 *     				GBWPT to represent the named port of destination: Warrenpoint, Northern Ireland, UK,  a non-inventory linked location -->
                 *     			<TradeTerms>
                 *     				<ConditionCode>CIF</ConditionCode>
                 *     				<LocationID>GBWPT</LocationID>
                 *     			</TradeTerms>
                 *     		</GoodsShipment>
                 *     		<ObligationGuarantee>
                 *     			<!-- DE 8/3: Guarantee reference number. Mandatory field for certain procedure codes/MOP.
                 *     					ID: 'Guaranteenotrequired' indicates that the guarantee is not required, as stated in DE 8/2. Where document code C505 is declared in DE 2/3 (Document Codes) and authorisation type code CGU is declared in DE 3/39 (Holder of the Authorisation), then this data element is mandatory. -->
                 *     			<ID>Guaranteenotrequired</ID>
                 *     			<!-- DE 8/2: Guarantee type. Mandatory field for certain procedure codes/MOP.
                 *     					SecurityDetailsCode: '0' to represent that a customs comprehensive guarantee is being waived for the deferment of customs duty. Where document code C505 is declared in DE 2/3 (Document Codes) and authorisation type code CGU is declared in DE 3/39 (Holder of the Authorisation), then code 0 or 1 must be declared in this data element-->
                 *     			<SecurityDetailsCode>0</SecurityDetailsCode>
                 *     		</ObligationGuarantee>
                 *     	</Declaration>
                 *     </md:MetaData>
                 */
                "application/xml": string;
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description no finding is an error */
                        valid: boolean;
                        findings: {
                            /** @enum {string} */
                            severity: "error" | "warning" | "info";
                            code: string;
                            message: string;
                            /** @description JSON pointer into the document */
                            path: string;
                            xpath?: string;
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    tryRouting: {
        parameters: {
            query: {
                kind: "declaration" | "lpco" | "consignment";
                /** @description Operators only: route it as if this participant sent it */
                sender?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/xml": string;
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        kind: "declaration" | "lpco" | "consignment";
                        /** @description The format of the document as routed */
                        format: string;
                        /** @description What routing read from it */
                        facts: {
                            [key: string]: unknown;
                        };
                        deliveries: {
                            destination: string;
                            agreement: string;
                            format: string;
                            mapping: string | null;
                            /** @description Operators only */
                            transport?: string;
                            /** @description The conditions that held, e.g. "hsChapters 06 matched" */
                            because: string[];
                        }[];
                        notMatched: {
                            agreement: string;
                            because: string[];
                        }[];
                    };
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
        };
    };
    receiveSandboxAs4: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                participant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed AS4 Receipt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/soap+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description An ebMS Error signal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/soap+xml": string;
                };
            };
            /** @description A simulated outage */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/soap+xml": string;
                };
            };
        };
    };
    receiveSandboxDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                participant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Its receipt (signed, as application/jose, when the agency has a key) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                    "application/jose": string;
                };
            };
            /** @description Received; the receipt follows through POST /v1/acknowledgements (scenario slow) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description RFC 9457 problem details (application/problem+json) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/problem+xml": string;
                };
            };
            /** @description A simulated outage (scenarios fail-once, fail-always), or the agency is busy */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    exchangeEnded: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Unix time in seconds when the notification was signed
                 * @example 1796558400
                 */
                "X-Swgate-Timestamp": string;
                /** @description `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` with the webhook secret */
                "X-Swgate-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "event": "exchange.ended",
                 *       "exchangeId": "01JD3Y8Q6W0000000000000000",
                 *       "status": "completed",
                 *       "at": "2026-12-01T10:00:00.000Z"
                 *     }
                 */
                "application/json": components["schemas"]["ExchangeNotification"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the notification is sent again later (any non-2xx) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    analyticsAlert: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Unix time in seconds when the notification was signed
                 * @example 1796558400
                 */
                "X-Swgate-Timestamp": string;
                /** @description `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` with the webhook secret */
                "X-Swgate-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "event": "analytics.alert",
                 *       "alert": {
                 *         "kind": "count-surge",
                 *         "origin": "VN",
                 *         "commodity": "851712",
                 *         "period": "2026-W21",
                 *         "observed": 88,
                 *         "expected": 21.5,
                 *         "score": 9.4
                 *       },
                 *       "at": "2026-05-26T12:00:00.000Z"
                 *     }
                 */
                "application/json": components["schemas"]["AlertNotification"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the notification is sent again later (any non-2xx) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    movementMessage: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description Unix time in seconds when the notification was signed
                 * @example 1796558400
                 */
                "X-Swgate-Timestamp": string;
                /** @description `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` with the webhook secret */
                "X-Swgate-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "event": "movement.message",
                 *       "movementId": "01JD3Y8Q6W0000000000000000",
                 *       "messageId": "01JD3Y8Q7A0000000000000000",
                 *       "type": "IE029",
                 *       "at": "2026-12-01T10:00:01.000Z",
                 *       "links": {
                 *         "movement": "/v1/movements/departures/01JD3Y8Q6W0000000000000000",
                 *         "message": "/v1/movements/departures/01JD3Y8Q6W0000000000000000/messages/01JD3Y8Q7A0000000000000000"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["MovementNotification"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not received: the notification is sent again later (any non-2xx) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    receiveDelivery: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description `<exchangeId>.<destination>`: the key of the delivery, and of its acknowledgement
                 * @example 01JD3Y8Q6W0000000000000000.customs
                 */
                "X-Swgate-Message-Id": string;
                /**
                 * @description The exchange the delivery belongs to
                 * @example 01JD3Y8Q6W0000000000000000
                 */
                "X-Swgate-Exchange-Id": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/xml": string;
                "application/json": Record<string, never>;
                "application/jose": string;
            };
        };
        responses: {
            /** @description Received, with its receipt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Receipt"];
                    "application/jose": string;
                };
            };
            /** @description Received; the receipt follows through POST /v1/acknowledgements */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Refused */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not received now: the delivery is retried */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}

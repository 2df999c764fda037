/**
 * The gateway's own name among the participants: the From of what it seals and the To of what
 * it receives, the agent of its provenance records, the subject of its certificates. A module of
 * its own because trust/, sandbox/ and the pipeline all name the gateway, and none of them is
 * below the others.
 */
export const GATEWAY_ID = 'gateway';

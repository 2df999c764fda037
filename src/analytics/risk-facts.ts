/**
 * What the analytics store knows that targeting uses (RISK.md, "Analytics facts"), held in memory
 * by the process that holds the store and rebuilt after a sync pass that changed something, so
 * that ingest looks the facts up in Maps and never queries DuckDB per declaration:
 * - the share of each heading's customs value that each origin sends (originTypicality);
 * - the links from every party within 3 of a party with a discrepancy to the nearest such party
 *   (discrepancyDistance, over party_declarations and party_identifiers as the party network
 *   sees them);
 * - the current description model (descriptionMismatch).
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { chapterOf, type DescriptionModel, descriptionMismatch } from './descriptions.js';
import { currentDescriptionModel } from './misclassifications.js';
import { NETWORK_LIMITS } from './network.js';
import { withConnection } from './read.js';

/** Origin typicality is read at the heading: the chapter mixes goods that travel different routes (phones and cables in 85). */
const TYPICALITY_DIGITS = 4;

/**
 * Past these, the snapshot keeps the largest: the origin-and-heading cells of largest value (a
 * dropped cell reads as a share of 0, as it is among the smallest), and the parties nearest a
 * discrepancy (the farther ones read as null, as beyond 3 links).
 */
const SNAPSHOT_LIMITS = { cells: 200_000, parties: 500_000 } as const;

export interface AnalyticsFacts {
  builtAt: string;
  /** Share of the heading's value per `origin\0heading`. */
  originShares: ReadonlyMap<string, number>;
  /** The headings the store holds value for: an origin absent from one of them sends 0 of it. */
  headings: ReadonlySet<string>;
  /** Links to the nearest party with a discrepancy, 0 to NETWORK_LIMITS.maxDepth. */
  distances: ReadonlyMap<string, number>;
  descriptions: DescriptionModel | undefined;
}

const cellKey = (origin: string, heading: string) => `${origin}\u0000${heading}`;

export async function buildAnalyticsFacts(instance: DuckDBInstance, now: Date = new Date()): Promise<AnalyticsFacts> {
  return withConnection(instance, async (connection) => {
    const [typicality, distances, descriptions] = [
      await originShares(connection),
      await discrepancyDistances(connection),
      await currentDescriptionModel(connection),
    ];
    return { builtAt: now.toISOString(), ...typicality, distances, descriptions };
  });
}

async function originShares(connection: DuckDBConnection): Promise<Pick<AnalyticsFacts, 'originShares' | 'headings'>> {
  const cells = `SELECT origin, left(commodity, ${TYPICALITY_DIGITS}) AS heading, sum(value) AS value FROM items
    WHERE origin IS NOT NULL AND value > 0 AND regexp_matches(commodity, '^[0-9]{${TYPICALITY_DIGITS}}') GROUP BY ALL`;
  const rows = (
    await connection.runAndReadAll(
      `WITH cells AS (${cells})
       SELECT origin, heading, value / sum(value) OVER (PARTITION BY heading) AS share FROM cells ORDER BY value DESC LIMIT ${SNAPSHOT_LIMITS.cells}`,
    )
  ).getRowObjectsJS();
  const headings = (await connection.runAndReadAll(`SELECT DISTINCT heading FROM (${cells})`)).getRowObjectsJS();
  return {
    originShares: new Map(rows.map((r) => [cellKey(String(r.origin), String(r.heading)), Number(r.share)])),
    headings: new Set(headings.map((r) => String(r.heading))),
  };
}

/**
 * A breadth-first search from every party with a discrepancy at once, one level per statement,
 * over the links the party network draws: two parties of one declaration, or two parties that
 * share an e-mail, address or payment reference (network.ts).
 */
async function discrepancyDistances(connection: DuckDBConnection): Promise<Map<string, number>> {
  await connection.run('CREATE OR REPLACE TEMP TABLE reached AS SELECT DISTINCT party, 0 AS distance FROM party_declarations WHERE discrepancy');
  for (let distance = 1; distance <= NETWORK_LIMITS.maxDepth; distance++) {
    await connection.run(
      `INSERT INTO reached
       WITH frontier AS (SELECT party FROM reached WHERE distance = $previous),
       linked AS (
         SELECT p.party FROM party_declarations p
         WHERE p.declaration IN (SELECT declaration FROM party_declarations WHERE party IN (SELECT party FROM frontier))
         UNION
         SELECT b.party FROM party_identifiers a JOIN party_identifiers b ON a.kind = b.kind AND a.value = b.value
         WHERE a.party IN (SELECT party FROM frontier)
       )
       SELECT party, $distance FROM linked WHERE party NOT IN (SELECT party FROM reached)`,
      { previous: distance - 1, distance },
    );
  }
  const rows = (
    await connection.runAndReadAll(`SELECT party, distance FROM reached ORDER BY distance, party LIMIT ${SNAPSHOT_LIMITS.parties}`)
  ).getRowObjectsJS();
  await connection.run('DROP TABLE reached');
  return new Map(rows.map((r) => [String(r.party), Number(r.distance)]));
}

/** The share of the commodity's heading value that comes from `origin`; null when unknown (no snapshot, no heading, no value). */
export function originTypicalityIn(facts: AnalyticsFacts | undefined, origin: string | null, commodity: string | null): number | null {
  if (!facts || !origin || !commodity || commodity.length < TYPICALITY_DIGITS) return null;
  const heading = commodity.slice(0, TYPICALITY_DIGITS);
  if (!facts.headings.has(heading)) return null;
  return facts.originShares.get(cellKey(origin, heading)) ?? 0;
}

/** The fewest links from any of `parties` to a party with a discrepancy; null when none is within 3 (or there is no snapshot). */
export function discrepancyDistanceIn(facts: AnalyticsFacts | undefined, parties: Iterable<string | null>): number | null {
  if (!facts) return null;
  let nearest: number | null = null;
  for (const party of parties) {
    const distance = party === null ? undefined : facts.distances.get(party);
    if (distance !== undefined && (nearest === null || distance < nearest)) nearest = distance;
  }
  return nearest;
}

/**
 * A description is judged on its first 512 characters (the WCO data model's an..512): a hostile
 * declaration's megabyte of text costs no more than a long description.
 */
const MAX_DESCRIPTION = 512;

/** Whether the description points with confidence to another chapter than the code's; null without a model, a description or a code. */
export function descriptionMismatchIn(facts: AnalyticsFacts | undefined, description: string | null, commodity: string | null): boolean | null {
  if (!facts?.descriptions || !description || !commodity || !/^[0-9]{2}/.test(chapterOf(commodity))) return null;
  return descriptionMismatch(facts.descriptions, description.slice(0, MAX_DESCRIPTION), commodity) !== undefined;
}

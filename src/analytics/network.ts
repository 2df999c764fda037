/**
 * Party networks (ANALYTICS.md, "Party networks"): the parties that declarations join, and those
 * that share an e-mail, address or payment reference, around one party. Only the neighbourhood a
 * question needs is built: SQL finds each level's links in the analytics store
 * (`party_declarations`, `party_identifiers`), graphology holds the subgraph they make.
 */
import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import { MultiUndirectedGraph } from 'graphology';

export const NETWORK_LIMITS = { minDepth: 1, maxDepth: 3, maxNodes: 500, maxPartyLength: 300 } as const;

export interface NetworkNode {
  /** The party's identifier as declared; `email:…` or `address:…` for a party declared without one. */
  id: string;
  /** The role the party holds most often: importer, exporter, declarant, carrier, seller, buyer, platform. */
  kind: string;
  declarations: number;
  /** Declarations of the party in which a control found a discrepancy. */
  discrepancies: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** `declaration`: both are parties of the same declarations; `email`, `address`, `payment`: they share one. */
  kind: string;
  /** How many declarations carry the link. */
  count: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/** A level's links may be many around a busy party: the strongest this many are read. */
const EDGES_PER_LEVEL = 20_000;

/**
 * Each level's links from `frontier` ($1), the strongest $2; with $3, only those to the parties
 * listed there (once the network is full, only links among its parties are still wanted).
 */
const neighbours = (among: boolean) => `
WITH frontier AS (SELECT unnest($1::VARCHAR[]) AS party),
${among ? 'targets AS (SELECT unnest($3::VARCHAR[]) AS party),' : ''}
own AS (SELECT declaration, party FROM party_declarations WHERE party IN (SELECT party FROM frontier)),
theirs AS (
  SELECT p.declaration, p.party FROM party_declarations p SEMI JOIN own ON p.declaration = own.declaration
  ${among ? 'WHERE p.party IN (SELECT party FROM targets)' : ''}
),
declared AS (
  SELECT own.party AS source, theirs.party AS target, 'declaration' AS kind, count(*) AS count
  FROM own JOIN theirs ON theirs.declaration = own.declaration AND theirs.party <> own.party
  GROUP BY ALL
),
shared AS (
  SELECT a.party AS source, b.party AS target, a.kind AS kind, count(DISTINCT b.source || b.declaration) AS count
  FROM party_identifiers a JOIN party_identifiers b ON a.kind = b.kind AND a.value = b.value AND a.party <> b.party
  WHERE a.party IN (SELECT party FROM frontier) ${among ? 'AND b.party IN (SELECT party FROM targets)' : ''}
  GROUP BY ALL
)
SELECT * FROM (SELECT * FROM declared UNION ALL SELECT * FROM shared)
ORDER BY count DESC, source, target, kind
LIMIT $2`;
const NEIGHBOURS = neighbours(false);
const NEIGHBOURS_AMONG = neighbours(true);

const STATS = `
SELECT party AS id, mode(role) AS kind, count(*) AS declarations, count(*) FILTER (WHERE discrepancy) AS discrepancies
FROM party_declarations WHERE party IN (SELECT unnest($1::VARCHAR[]))
GROUP BY party`;

async function neighbourEdges(connection: DuckDBConnection, frontier: readonly string[], limit: number, among?: readonly string[]): Promise<NetworkEdge[]> {
  const reader = among
    ? await connection.runAndReadAll(NEIGHBOURS_AMONG, [listValue([...frontier]), limit, listValue([...among])])
    : await connection.runAndReadAll(NEIGHBOURS, [listValue([...frontier]), limit]);
  return reader.getRowObjectsJS().map((r) => ({ source: String(r.source), target: String(r.target), kind: String(r.kind), count: Number(r.count) }));
}

async function partyStats(connection: DuckDBConnection, parties: readonly string[]): Promise<Map<string, NetworkNode>> {
  if (parties.length === 0) return new Map();
  const reader = await connection.runAndReadAll(STATS, [listValue([...parties])]);
  return new Map(
    reader.getRowObjectsJS().map((r) => {
      const node = { id: String(r.id), kind: String(r.kind), declarations: Number(r.declarations), discrepancies: Number(r.discrepancies) };
      return [node.id, node];
    }),
  );
}

/**
 * The network of parties within `depth` links of `party`, level by level, the strongest links
 * first, until `maxNodes` parties; undefined when the store knows no such party.
 */
export async function partyNetwork(
  connection: DuckDBConnection,
  party: string,
  depth: number,
  maxNodes: number = NETWORK_LIMITS.maxNodes,
): Promise<Network | undefined> {
  const centre = (await partyStats(connection, [party])).get(party);
  if (!centre) return undefined;
  const graph = new MultiUndirectedGraph<NetworkNode, { kind: string; count: number }>();
  graph.addNode(party, centre);
  let frontier = [party];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const full = graph.order >= maxNodes;
    const edges = await neighbourEdges(connection, frontier, EDGES_PER_LEVEL, full ? graph.nodes() : undefined);
    const added = new Set<string>();
    for (const edge of edges) {
      if (!graph.hasNode(edge.target) && !added.has(edge.target) && graph.order + added.size < maxNodes) added.add(edge.target);
    }
    for (const node of (await partyStats(connection, [...added])).values()) graph.addNode(node.id, node);
    for (const edge of edges) {
      if (!graph.hasNode(edge.target)) continue;
      const [a, b] = [edge.source, edge.target].sort() as [string, string];
      graph.mergeEdgeWithKey(`${edge.kind}\u0000${a}\u0000${b}`, a, b, { kind: edge.kind, count: edge.count });
    }
    frontier = [...added];
  }
  return {
    nodes: graph.mapNodes((_id, node) => node),
    edges: graph.mapEdges((_key, edge, source, target) => ({ source, target, ...edge })).sort((x, y) => y.count - x.count),
  };
}

/**
 * How many links separate `party` from the nearest party with a discrepancy (0: the party
 * itself), looking at most `maxDistance` links away; null when none is that close or the party is
 * unknown. A risk fact (RISK_FACTS.discrepancyDistance): a new importer one link from a
 * smuggler's declarant is not a new importer like any other.
 */
export async function discrepancyDistance(connection: DuckDBConnection, party: string, maxDistance: number = NETWORK_LIMITS.maxDepth): Promise<number | null> {
  const own = (await partyStats(connection, [party])).get(party);
  if (!own) return null;
  if (own.discrepancies > 0) return 0;
  const seen = new Set([party]);
  let frontier = [party];
  for (let distance = 1; distance <= maxDistance; distance++) {
    const next = [...new Set((await neighbourEdges(connection, frontier, Number.MAX_SAFE_INTEGER)).map((e) => e.target))].filter((p) => !seen.has(p));
    if (next.length === 0) return null;
    const stats = await partyStats(connection, next);
    if ([...stats.values()].some((n) => n.discrepancies > 0)) return distance;
    for (const p of next) seen.add(p);
    frontier = next;
  }
  return null;
}

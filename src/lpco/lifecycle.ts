/**
 * The LPCO lifecycle as plain data: issued → amended/replaced → revoked/withdrawn/expired →
 * exhausted, who may make which change, and the status a reader sees once validity has run out.
 */
import { finding, type Finding } from '../findings.js';
import type { LpcoStatus } from './lpco.js';

/** Statuses in which an LPCO may be cited and drawn on. */
export const USABLE_STATUSES: readonly LpcoStatus[] = ['issued', 'amended'];

/** Statuses the issuer sets through POST /v1/lpcos/{id}/status; the others follow from documents and write-offs. */
export const ISSUER_STATUSES = ['revoked', 'withdrawn', 'expired'] as const;
export type IssuerStatus = (typeof ISSUER_STATUSES)[number];

const NEXT: Record<LpcoStatus, readonly LpcoStatus[]> = {
  issued: ['amended', 'replaced', 'revoked', 'withdrawn', 'expired', 'exhausted'],
  amended: ['amended', 'replaced', 'revoked', 'withdrawn', 'expired', 'exhausted'],
  // Released quantities make an exhausted LPCO usable again (write-off.ts restores its earlier status).
  exhausted: ['issued', 'amended', 'replaced', 'revoked', 'withdrawn', 'expired'],
  replaced: [],
  revoked: [],
  withdrawn: [],
  expired: [],
};

/** An error finding when `from` → `to` is not a step of the lifecycle. */
export function transitionFinding(from: LpcoStatus, to: LpcoStatus, path = '/status'): Finding | undefined {
  if (NEXT[from].includes(to)) return undefined;
  const allowed = NEXT[from].length > 0 ? `; from ${from} it may become ${NEXT[from].join(', ')}` : `; ${from} is final`;
  return finding('lpco.transition', `An LPCO that is ${from} cannot become ${to}${allowed}`, path);
}

/** Calendar date (UTC) of an instant: validity dates are compared as dates, both ends inclusive. */
export function dateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The status as of `today`: a still-live LPCO past its validUntil reads as expired without anyone writing it. */
export function effectiveStatus(stored: LpcoStatus, validUntil: string, today: string): LpcoStatus {
  const live = stored === 'issued' || stored === 'amended' || stored === 'exhausted';
  return live && today > validUntil ? 'expired' : stored;
}

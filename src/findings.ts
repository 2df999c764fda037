/** The one shape for every validation or processing problem (ARCHITECTURE.md, "finding"). */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  /** JSON pointer into the document (WCO JSON form for XML input). */
  path: string;
  /** XPath as well, for XML input. */
  xpath?: string;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * A document or request that cannot be accepted. `status` is the HTTP status the edge should
 * answer with; the pipeline and domain modules throw it without knowing about HTTP.
 */
export class RejectionError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly findings: Finding[],
    detail?: string,
  ) {
    super(detail ?? findings[0]?.message ?? title);
    this.name = 'RejectionError';
  }
}

export function finding(code: string, message: string, path = '', severity: Severity = 'error'): Finding {
  return { severity, code, message, path };
}

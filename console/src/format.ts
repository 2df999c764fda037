/** Text for people: times, durations, documents. Everything here returns strings rendered as text, never HTML. */

export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
}

export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (value < 60) return `${value.toFixed(value < 10 ? 1 : 0)} s`;
  if (value < 3600) return `${(value / 60).toFixed(1)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

export const percent = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`);

/** JSON indented; anything that does not parse is shown as it came. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/**
 * XML indented by a scanner over its tags, not a parser: it never resolves an entity or a DTD,
 * and text that does not scan (unbalanced, not XML) comes back as it came.
 */
export function prettyXml(text: string): string {
  const tokens = text.match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![^>]*>|<\/?[^>]+>|[^<]+/g);
  if (!tokens || tokens.join('') !== text) return text;
  const lines: string[] = [];
  let depth = 0;
  let open: string | undefined;
  for (const raw of tokens) {
    const token = raw.trim();
    if (!token) continue;
    const pad = '  '.repeat(depth);
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      // <a>text</a> stays on one line.
      if (open !== undefined && lines.length > 0) {
        lines[lines.length - 1] += token;
        open = undefined;
        continue;
      }
      lines.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<') && !token.startsWith('<?') && !token.startsWith('<!') && !token.endsWith('/>')) {
      lines.push(pad + token);
      depth += 1;
      open = token;
      continue;
    } else if (!token.startsWith('<') && open !== undefined) {
      lines[lines.length - 1] += token;
      continue;
    } else {
      lines.push(pad + token);
    }
    open = undefined;
  }
  return lines.join('\n');
}

export function pretty(text: string, mediaType: string): string {
  if (/json/.test(mediaType)) return prettyJson(text);
  if (/xml/.test(mediaType)) return prettyXml(text);
  return text;
}

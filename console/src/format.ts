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

/**
 * JSON indented token by token, each token's text kept as written: parsing and stringifying would
 * round 2^53 + 1, turn 1.10 into 1.1 and 1e2 into 100, and keep one of two duplicate keys, so the
 * document shown would not be the document sent. Anything that does not parse is shown as it came.
 */
function prettyJson(text: string): string {
  try {
    JSON.parse(text);
  } catch {
    return text;
  }
  const tokens = text.match(/"(?:[^"\\]|\\.)*"|[{}[\],:]|[^\s{}[\],:"]+|\s+/g) ?? [];
  let out = '';
  let depth = 0;
  // After { or [ the line break waits for the next token: an empty object or array stays on one line.
  let opened = false;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (const token of tokens) {
    if (/^\s/.test(token)) continue;
    const closing = token === '}' || token === ']';
    if (closing) depth -= 1;
    if (opened && !closing) out += newline();
    if (closing && !opened) out += newline();
    opened = token === '{' || token === '[';
    if (opened) depth += 1;
    out += token === ',' ? ',' : token === ':' ? ': ' : token;
    if (token === ',') out += newline();
  }
  return out;
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

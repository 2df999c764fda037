/** True when the Accept header ranks an XML type above JSON (JSON is the default). */
export function prefersXml(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranked = accept
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((r) => r.q > 0 && (r.type.endsWith('xml') || r.type.endsWith('json')))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.type.endsWith('xml') ?? false;
}

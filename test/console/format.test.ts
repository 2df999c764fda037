import { describe, expect, it } from 'vitest';
import { pretty, prettyXml } from '../../console/src/format.js';

describe('documents as the console shows them (text, never markup)', () => {
  it('indents XML, keeping text elements on one line', () => {
    expect(prettyXml('<?xml version="1.0"?><a x="1"><b>one</b><c/><d><e>two</e></d></a>')).toBe(
      ['<?xml version="1.0"?>', '<a x="1">', '  <b>one</b>', '  <c/>', '  <d>', '    <e>two</e>', '  </d>', '</a>'].join('\n'),
    );
  });

  it('never resolves an entity or a DTD: they are shown as written', () => {
    const bomb = '<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a>&y;&y;</a>';
    const shown = prettyXml(bomb);
    expect(shown).toContain('&y;&y;');
    expect(shown.length).toBeLessThan(bomb.length + 20);
  });

  it('gives back what does not scan as XML, or JSON that does not parse, unchanged', () => {
    expect(prettyXml('<a><b>unclosed')).toContain('unclosed');
    expect(pretty('{"a": [1, 2', 'application/json')).toBe('{"a": [1, 2');
    expect(pretty('{"a":[1,2]}', 'application/json')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(pretty('<script>alert(1)</script>', 'text/plain')).toBe('<script>alert(1)</script>');
  });
});

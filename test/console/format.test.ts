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

describe('JSON as the console shows it: indented, every token as written', () => {
  it('keeps big integers, trailing zeros, exponents and duplicate keys', () => {
    const text = '{"big":9007199254740993,"price":1.10,"count":1e2,"key":1,"key":2,"neg":-0.0E-5}';
    expect(pretty(text, 'application/json')).toBe(
      ['{', '  "big": 9007199254740993,', '  "price": 1.10,', '  "count": 1e2,', '  "key": 1,', '  "key": 2,', '  "neg": -0.0E-5', '}'].join('\n'),
    );
  });

  it('keeps strings with quotes, brackets and escapes whole, and empty objects and arrays as they are', () => {
    const text = '{"a":"x\\",{[]}:y","b":{ },"c":[ ],"d":[{"e":null},true,"\\u00e9"]}';
    const shown = pretty(text, 'application/problem+json');
    expect(shown).toBe(
      [
        '{',
        '  "a": "x\\",{[]}:y",',
        '  "b": {},',
        '  "c": [],',
        '  "d": [',
        '    {',
        '      "e": null',
        '    },',
        '    true,',
        '    "\\u00e9"',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(JSON.parse(shown)).toEqual(JSON.parse(text));
  });
});

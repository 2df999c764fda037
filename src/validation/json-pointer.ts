/** JSON pointers into WCO JSON, and the XPath of the same place in the WCO XML. */

export function pointerTokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * `/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem/0/Commodity` →
 * `/MetaData/Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/Commodity`. Local names
 * (documents may use any prefix); lower-case keys are attributes, `value` is the text.
 */
export function pointerToXpath(pointer: string): string {
  let xpath = '';
  for (const token of pointerTokens(pointer)) {
    if (/^\d+$/.test(token)) xpath += `[${Number(token) + 1}]`;
    else if (token === 'value') xpath += '/text()';
    else if (token.charAt(0) !== token.charAt(0).toUpperCase()) xpath += `/@${token}`;
    else xpath += `/${token}`;
  }
  return xpath;
}

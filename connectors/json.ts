/** Nesting allowed in a JSON reply: as for XML (connectors/xml.ts); real vim25 and collector documents stay far below. */
export const MAX_JSON_DEPTH = 512;

/**
 * JSON.parse for text from a host, refusing nesting deeper than `maxDepth` before parsing: the recursive code that
 * walks the parsed value (codecs, schemas) would otherwise overflow the stack on a 100k-deep reply, far from the call
 * that received it. Throws SyntaxError, with the offset of the bracket that goes too deep.
 */
export function parseHostJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new SyntaxError(`nested deeper than ${maxDepth} levels at position ${i}`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return JSON.parse(text);
}

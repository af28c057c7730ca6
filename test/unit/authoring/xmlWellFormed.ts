/**
 * A strict check that a text is well-formed XML, enough for the SVG the diagram writes: one root element,
 * every tag closed in order, attributes quoted and not repeated, and no `<` or stray `&` in text or
 * attribute values. Returns the first problem, or undefined.
 */
export function xmlProblem(text: string): string | undefined {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const entity = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
  const checkText = (chunk: string, where: number): string | undefined => {
    for (let j = 0; j < chunk.length; j++) {
      if (chunk[j] === '<') return `raw < at ${where + j}`;
      if (chunk[j] === '&' && !entity.test(chunk.slice(j))) return `stray & at ${where + j}`;
    }
    return undefined;
  };
  while (i < text.length) {
    const open = text.indexOf('<', i);
    const chunk = open < 0 ? text.slice(i) : text.slice(i, open);
    const problem = checkText(chunk, i);
    if (problem) return problem;
    if (stack.length === 0 && chunk.trim() !== '') return `text outside the root at ${i}`;
    if (open < 0) break;
    const close = text.indexOf('>', open);
    if (close < 0) return `unclosed tag at ${open}`;
    const tag = text.slice(open + 1, close);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return `</${name}> does not close the open element at ${open}`;
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const match = /^([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*$/.exec(body);
      if (!match) return `malformed tag <${tag}> at ${open}`;
      const names = [...match[2]!.matchAll(/([\w:.-]+)="([^"]*)"/g)];
      if (new Set(names.map((n) => n[1])).size !== names.length) return `repeated attribute in <${match[1]}> at ${open}`;
      for (const [, , value] of names) {
        const bad = checkText(value!, open);
        if (bad) return `attribute value: ${bad}`;
      }
      if (stack.length === 0 && ++roots > 1) return `a second root element at ${open}`;
      if (!selfClosing) stack.push(match[1]!);
    }
    i = close + 1;
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? undefined : 'no root element';
}

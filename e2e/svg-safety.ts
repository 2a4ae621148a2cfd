/**
 * What makes an exported SVG unsafe to open on its own (quality-and-scale.md §1.6, S7): a strict XML
 * parse, then a walk over every element and attribute. Shared by the unit tests of the SVG writer and
 * the e2e export tests, so both hold the file to the same rules.
 */
import { DOMParser, type Document, type Element, type Node as XmlNode } from '@xmldom/xmldom';

/** The vocabulary the SVG writer uses; anything else (script, foreignObject, image, a, style, use …) is a problem. */
export const SVG_ELEMENTS = new Set(['svg', 'title', 'desc', 'defs', 'marker', 'g', 'rect', 'path', 'line', 'polyline', 'text', 'tspan']);

export function walkElements(n: XmlNode, visit: (e: Element) => void): void {
  if (n.nodeType === 1) visit(n as Element);
  for (let c = n.firstChild; c; c = c.nextSibling) walkElements(c, visit);
}

/** Parses strictly; every warning or error is a problem. */
export function parseSvg(svg: string): { doc: Document; problems: string[] } {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => problems.push(`${level}: ${msg}`) }).parseFromString(svg, 'image/svg+xml');
  if (doc.getElementsByTagName('parsererror').length > 0) problems.push('parsererror element');
  return { doc, problems };
}

/** Every reason the document could run script, load something or carry style; empty when safe. */
export function svgProblems(doc: Document): string[] {
  const out: string[] = [];
  walkElements(doc, (e) => {
    if (!SVG_ELEMENTS.has(e.localName ?? '')) out.push(`element ${e.nodeName}`);
    for (let i = 0; i < e.attributes.length; i++) {
      const a = e.attributes.item(i);
      const name = (a?.name ?? '').toLowerCase();
      const value = a?.value ?? '';
      if (name.startsWith('on') || name === 'style' || name.endsWith('href')) out.push(`attribute ${name} on ${e.nodeName}`);
      if (/javascript:|<|>/i.test(value)) out.push(`attribute ${name}="${value}"`);
      if (value.includes('url(') && !/^url\(#kp-arrow-[a-z]+\)$/.test(value)) out.push(`reference ${name}="${value}"`);
    }
  });
  return out;
}

/** All text content, in document order. */
export function svgText(doc: Document): string {
  return doc.documentElement?.textContent ?? '';
}

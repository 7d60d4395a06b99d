/**
 * Puts trusted generated HTML (markdown-it with raw HTML off, KaTeX) into `target`. The webview's CSP blocks inline
 * `style` attributes, which KaTeX uses for vertical layout; they are parsed in an inert document and applied through
 * the CSSOM instead, which the CSP allows.
 */
export function insertHtml(target: HTMLElement, html: string): void {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const styled: [Element, string][] = [];
  for (const element of parsed.body.querySelectorAll('[style]')) {
    styled.push([element, element.getAttribute('style') ?? '']);
    element.removeAttribute('style');
  }
  const fragment = document.createDocumentFragment();
  for (const node of [...parsed.body.childNodes]) fragment.append(document.adoptNode(node));
  for (const [element, css] of styled) if (element instanceof HTMLElement || element instanceof SVGElement) element.style.cssText = css;
  target.replaceChildren(fragment);
}

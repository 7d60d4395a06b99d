/**
 * The CSP of every webview: nothing remote, no inline or eval'd script; scripts and our stylesheet carry the nonce.
 * `cspSource` is the webview's own origin for extension resources (Webview.cspSource).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

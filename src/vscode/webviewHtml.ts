import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { contentSecurityPolicy } from '../core/webview/contentSecurityPolicy';

/**
 * The HTML shell of a webview: a strict CSP with a nonce, our bundle and stylesheet, nothing remote. `extraStyles`:
 * more stylesheets, as paths under the extension (e.g. CSS that esbuild emitted next to a bundle).
 */
export function webviewHtml(
  webview: vscode.Webview, extensionUri: vscode.Uri, view: string, title: string, host: 'view' | 'panel' = 'view', extraStyles: readonly string[] = [],
): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${view}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${view}.css`));
  const csp = contentSecurityPolicy(webview.cspSource, nonce);
  const extra = extraStyles.map((p) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p.split('/')))}" nonce="${nonce}">\n`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${extra}<link rel="stylesheet" href="${style}" nonce="${nonce}">
<title>${title}</title>
</head>
<body data-host="${host}">
<div id="root"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

import * as vscode from 'vscode';
import { parseMetricsViewMessage, type AppendMessage, type MetricsViewToExtension, type SnapshotMessage } from '../../protocol/metrics';
import { webviewHtml } from '../webviewHtml';

type Outgoing = Omit<SnapshotMessage, 'seq'> | Omit<AppendMessage, 'seq'>;

/** One Metrics webview (the side view or an editor panel): its HTML, its message numbering and validation. */
export class MetricsWebview implements vscode.Disposable {
  private seq = 0;
  private ready = false;
  private readonly disposables: vscode.Disposable[];

  constructor(
    readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    readonly host: 'view' | 'panel',
    onMessage: (message: MetricsViewToExtension, from: MetricsWebview) => void,
  ) {
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
    webview.html = webviewHtml(webview, extensionUri, 'metrics', 'LaSeR Metrics', host);
    this.disposables = [
      webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseMetricsViewMessage(raw);
        if (!message) return;
        if (message.type === 'ready' || message.type === 'requestSnapshot') this.ready = true;
        onMessage(message, this);
      }),
    ];
  }

  /** Deltas are only sent once the webview has its snapshot; until then it would only ask for one. */
  get acceptsDeltas(): boolean {
    return this.ready;
  }

  /** Posts with the next sequence number; returns it. */
  post(message: Outgoing): number {
    const seq = this.seq++;
    void this.webview.postMessage({ ...message, seq });
    return seq;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

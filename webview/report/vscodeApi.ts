import type { ReportToExtension } from '../../src/protocol/report';

interface VsCodeApi {
  postMessage(message: ReportToExtension): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle to the extension (acquireVsCodeApi may be called only once). */
export const vscode: VsCodeApi = acquireVsCodeApi();

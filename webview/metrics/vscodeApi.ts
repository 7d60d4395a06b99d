import type { MetricsViewToExtension } from '../../src/protocol/metrics';

interface VsCodeApi {
  postMessage(message: MetricsViewToExtension): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle to the extension (acquireVsCodeApi may be called only once). */
export const vscode: VsCodeApi = acquireVsCodeApi();

import type { InspectorToExtension } from '../../src/protocol/inspector';

interface VsCodeApi {
  postMessage(message: InspectorToExtension): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's one handle to the extension (acquireVsCodeApi may be called only once). */
export const vscode: VsCodeApi = acquireVsCodeApi();

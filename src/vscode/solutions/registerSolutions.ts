import * as vscode from 'vscode';
import { readSettings } from '../settings';
import { openBestResponse, RESPONSE_SCHEME, ResponseDocuments } from './bestResponse';
import { InspectorEditorProvider, type InspectorRendered } from './inspectorEditor';
import { offerInspectorForLargeFiles } from './largeFiles';
import { ReportPanels, type ReportDrawn } from './reportPanel';
import { activeOrPickedFile, asLine, asUri, BEST_RESPONSE_COMMAND, INSPECT_COMMAND, REPORT_COMMAND } from './solutionCommands';
import { SolutionCodeLensProvider } from './solutionCodeLens';
import { SolutionDecorations, type DecoratedLine } from './solutionDecorations';
import { SolutionDiagnostics } from './solutionDiagnostics';
import { SOLUTION_SELECTOR, SolutionDocuments } from './solutionDocuments';
import { SolutionHoverProvider } from './solutionHover';

/** What the solution-file features offer the extension's API (its integration tests read what the user sees). */
export interface SolutionsApi {
  /** The summary texts the editors of this file show now, by line. */
  readonly solutionDecorations: (uri: vscode.Uri) => readonly DecoratedLine[];
  readonly onDidDecorateSolutions: vscode.Event<vscode.Uri>;
  readonly onDidRenderInspector: vscode.Event<InspectorRendered>;
  readonly onDidDrawReport: vscode.Event<ReportDrawn>;
}

const threshold = () => readSettings().selfReward.threshold;

/** Decorations, hovers, CodeLens, diagnostics, the inspector and the report for solution files. */
export function registerSolutions(extensionUri: vscode.Uri): { disposable: vscode.Disposable; api: SolutionsApi } {
  const documents = new SolutionDocuments(threshold());
  const decorations = new SolutionDecorations(extensionUri, documents);
  const codeLens = new SolutionCodeLensProvider(documents);
  const diagnostics = new SolutionDiagnostics(documents);
  const inspector = new InspectorEditorProvider(extensionUri, threshold);
  const reports = new ReportPanels(extensionUri, threshold);

  const scoresWatcher = vscode.workspace.createFileSystemWatcher('**/.laser/scores/*.json');
  const rescan = () => documents.rescanScores();
  const disposable = vscode.Disposable.from(
    documents,
    decorations,
    codeLens,
    diagnostics,
    inspector,
    reports,
    InspectorEditorProvider.register(inspector),
    vscode.languages.registerHoverProvider(SOLUTION_SELECTOR, new SolutionHoverProvider(documents)),
    vscode.languages.registerCodeLensProvider(SOLUTION_SELECTOR, codeLens),
    vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, new ResponseDocuments()),
    offerInspectorForLargeFiles((uri, notice) => inspector.open(uri, undefined, notice)),
    vscode.commands.registerCommand(INSPECT_COMMAND, async (file?: unknown, line?: unknown) => {
      const uri = asUri(file) ?? (await activeOrPickedFile());
      if (uri) await inspector.open(uri, asLine(line));
    }),
    vscode.commands.registerCommand(BEST_RESPONSE_COMMAND, async (file?: unknown, line?: unknown) => {
      const uri = asUri(file);
      const at = asLine(line) ?? vscode.window.activeTextEditor?.selection.active.line;
      if (uri && at !== undefined) await openBestResponse(uri, at);
    }),
    vscode.commands.registerCommand(REPORT_COMMAND, async (file?: unknown) => {
      const uri = asUri(file) ?? (await activeOrPickedFile());
      if (uri) await reports.show(uri);
    }),
    scoresWatcher,
    scoresWatcher.onDidCreate(rescan),
    scoresWatcher.onDidChange(rescan),
    scoresWatcher.onDidDelete(rescan),
    documents.onDidChangeScores(() => {
      decorations.refresh();
      codeLens.refresh();
      diagnostics.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('laser.selfReward.threshold')) {
        documents.setThreshold(threshold());
        decorations.refresh();
        codeLens.refresh();
        diagnostics.refresh();
        inspector.refresh();
        reports.refresh();
      } else if (e.affectsConfiguration('laser.solutions.disagreementDiagnostics')) diagnostics.refresh();
    }),
  );
  return {
    disposable,
    api: {
      solutionDecorations: (uri) => decorations.decorations(uri),
      onDidDecorateSolutions: decorations.onDidDecorate,
      onDidRenderInspector: inspector.onDidRender,
      onDidDrawReport: reports.onDidDraw,
    },
  };
}

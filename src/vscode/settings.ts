import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_ALERT_RULES, type AlertRules } from '../core/live/alerts';

export interface SelfRewardSettings {
  readonly tokenId: number;
  readonly beta: number;
  readonly cRef: number;
  readonly threshold: number;
}

export interface LaserSettings {
  readonly pythonPath: string;
  /** Absolute; undefined when no folder is open. */
  readonly runsDir: string | undefined;
  readonly selfReward: SelfRewardSettings;
}

export function readSettings(): LaserSettings {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const config = vscode.workspace.getConfiguration('laser', folder);
  const runsFolder = config.get<string>('runsFolder', '.laser/runs');
  const runsDir = path.isAbsolute(runsFolder) ? runsFolder : folder && path.join(folder.uri.fsPath, runsFolder);
  return {
    pythonPath: config.get<string>('pythonPath', 'python3'),
    runsDir,
    selfReward: {
      tokenId: config.get<number>('selfReward.tokenId', 151652),
      beta: config.get<number>('selfReward.beta', 0.1),
      cRef: config.get<number>('selfReward.cRef', -23.0),
      threshold: config.get<number>('selfReward.threshold', 0.5),
    },
  };
}

/** The alert rules from settings; undefined when alerts are switched off. */
export function readAlertRules(): AlertRules | undefined {
  const config = vscode.workspace.getConfiguration('laser.alerts');
  if (!config.get<boolean>('enabled', true)) return undefined;
  return {
    ...DEFAULT_ALERT_RULES,
    rewardCollapse: { ...DEFAULT_ALERT_RULES.rewardCollapse, ...config.get<Partial<AlertRules['rewardCollapse']>>('rewardCollapse', {}) },
    silenceFactor: config.get<number>('silenceFactor', DEFAULT_ALERT_RULES.silenceFactor),
  };
}

import * as vscode from 'vscode';

// What the user sees, through the workbench driver that runs the browser (scripts/integration/workbenchDriver.mjs).
// Without a driver (desktop runs through @vscode/test-electron) screenshots are skipped and visible text is unknown.

const driver = process.env.LASER_LAB_DRIVER_URL;

export const hasDriver = driver !== undefined;

async function call<T>(path: string, params: Record<string, string | number>): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await fetch(`${driver}${path}?${query}`);
  if (!response.ok) throw new Error(`workbench driver ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Saves test-results/screenshots/<name>.png once `waitForText` is on screen; returns whether it was. */
export async function screenshot(name: string, waitForText?: string): Promise<boolean> {
  if (!driver) return true;
  const { found } = await call<{ found: boolean }>('/screenshot', { name, ...(waitForText ? { waitForText } : {}) });
  return found;
}

/** All text visible in the workbench (webviews included), after waiting up to `timeoutMs` for `waitFor`. */
export async function visibleText(waitFor?: string, timeoutMs = 15_000): Promise<string> {
  if (!driver) return '';
  return (await call<{ text: string }>('/text', { timeoutMs, ...(waitFor ? { waitFor } : {}) })).text;
}

/** Opens the notification list, so toasts the workbench did not pop up (it does not while tests drive it) are on screen. */
export async function showNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.showList');
}

/** Gives the screenshots the room the LaSeR container would have: no secondary side bar (chat), no old notifications. */
export async function tidyWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  await vscode.commands.executeCommand('notifications.clearAll');
}

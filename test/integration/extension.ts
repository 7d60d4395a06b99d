import * as vscode from 'vscode';
import type { LaserLabApi } from '../../src/extension';

export const EXTENSION_ID = 'laser-lab.laser-lab';

export async function activeExtension(): Promise<LaserLabApi> {
  const ext = vscode.extensions.getExtension<LaserLabApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return ext.activate();
}

export function waitFor<T>(event: vscode.Event<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`event not seen within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
  });
}

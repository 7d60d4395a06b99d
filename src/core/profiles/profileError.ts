/** One problem with a profile: `path` names the field (`laser.selfRewardLossCoef`, `gpus[1]`; empty for the whole file). */
export interface ProfileError {
  readonly path: string;
  readonly message: string;
  readonly file?: string;
  /** 1-based line (and column) in `file` when known. */
  readonly line?: number;
  readonly column?: number;
}

/** `file:line:column: path: message`, leaving out the parts that are unknown. */
export function formatProfileError(error: ProfileError): string {
  const position = error.line === undefined ? [] : [String(error.line), ...(error.column === undefined ? [] : [String(error.column)])];
  const where = [...(error.file === undefined ? [] : [error.file]), ...position].join(':');
  return `${where ? `${where}: ` : ''}${error.path ? `${error.path}: ` : ''}${error.message}`;
}

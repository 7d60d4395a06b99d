import { REDACTED } from '../core/runs/secretEnv';

/**
 * The command's environment: the supervisor's own (which carries the secret values) with run.json's variables on top.
 * A "<redacted>" entry keeps the inherited real value; ELECTRON_RUN_AS_NODE only served to start the supervisor.
 */
export function childEnv(inherited: NodeJS.ProcessEnv, overrides: Readonly<Record<string, unknown>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inherited)) if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  for (const [name, value] of Object.entries(overrides)) {
    if (typeof value === 'string' && value !== REDACTED) env[name] = value;
  }
  return env;
}

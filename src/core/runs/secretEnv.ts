export const REDACTED = '<redacted>';

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD/i;
// Hugging Face's tokenizer switches are settings, not credentials.
const NOT_SECRET = /^TOKENIZERS_/i;

/** Whether a variable's value must never be written to run.json or output.log. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET.test(name);
}

/** The variables with secret values replaced by "<redacted>". */
export function redactEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]));
}

/** Only the secret variables (the values the supervisor receives in its own environment instead of run.json). */
export function secretEntries(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && isSecretName(e[0])));
}

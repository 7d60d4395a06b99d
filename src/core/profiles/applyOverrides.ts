import type { RunProfile } from './runProfile';
import { isVerlProfile } from './runProfile';

/**
 * One-off changes typed when starting a run: `key=value` overrides for verl kinds, extra arguments for the
 * reference trainer and for scripts. Each item stays one argument (no shell splitting of its content).
 */
export function withOverrides(profile: RunProfile, items: readonly string[]): RunProfile {
  if (items.length === 0) return profile;
  if (isVerlProfile(profile)) {
    const existing = profile.overrides ?? {};
    const list = Array.isArray(existing)
      ? [...(existing as readonly string[])]
      : Object.entries(existing as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`);
    return { ...profile, overrides: [...list, ...items] };
  }
  if (profile.kind === 'reference') return { ...profile, args: [...(profile.args ?? []), ...items] };
  return { ...profile, argv: [...profile.argv, ...items] };
}

/** The same profile, continuing from its last checkpoint. */
export function withResume(profile: RunProfile): RunProfile {
  if (isVerlProfile(profile)) return { ...profile, resumeMode: 'auto' };
  if (profile.kind === 'reference') return { ...profile, args: [...(profile.args ?? []).filter((a) => a !== '--resume' && a !== 'auto'), '--resume', 'auto'] };
  return profile;
}

/** Splits what the user typed into items: whitespace separates, "double quotes" keep spaces. */
export function splitOverrides(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

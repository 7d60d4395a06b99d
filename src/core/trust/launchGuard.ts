export type LaunchDecision = { readonly allowed: true } | { readonly allowed: false; readonly message: string };

/**
 * Starting any process (training, scoring, the Python check) runs code from the workspace and its settings,
 * so it needs a trusted workspace; viewing runs, metrics and scores never does.
 */
export function decideLaunch(workspaceTrusted: boolean, action: string): LaunchDecision {
  if (workspaceTrusted) return { allowed: true };
  return {
    allowed: false,
    message: `LaSeR Lab cannot ${action}: this workspace is in Restricted Mode. Trust the workspace to start processes; viewing runs and metrics still works.`,
  };
}

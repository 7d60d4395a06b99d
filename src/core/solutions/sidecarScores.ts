import { newestSidecar, type Sidecar } from '../scoring/sidecarCache';

/** Scores a "Score Solutions File…" run cached for a file's exact content, keyed by 0-based line like SolutionProblem. */
export interface SidecarScores {
  readonly scores: ReadonlyMap<number, readonly (number | null)[]>;
  readonly sidecar: Sidecar;
}

/** The newest sidecar cache for this content in `<workspace>/.laser/scores/`, or undefined when it was never scored. */
export async function sidecarScores(laserDir: string, content: Uint8Array | string): Promise<SidecarScores | undefined> {
  const sidecar = await newestSidecar(laserDir, content);
  return sidecar && { sidecar, scores: new Map(sidecar.lines.map((l) => [l.line - 1, l.scores])) };
}

/** One line for hovers and reports: which model and settings produced the scores. */
export function describeSidecar(sidecar: Sidecar): string {
  const model = sidecar.model.dir.split(/[\\/]/).filter(Boolean).slice(-2).join('/');
  const { tokenId, beta, cRef } = sidecar.settings;
  return `${model} (${sidecar.backend}), token id ${tokenId}, β ${beta}, c_ref ${cRef}, ${sidecar.createdAt.slice(0, 16).replace('T', ' ')}`;
}

/** What `python -m laser_lab.env` reports about an interpreter. */
export interface EnvironmentReport {
  readonly python: string;
  readonly executable: string;
  readonly laserLab: string;
  readonly packages: Readonly<Record<string, string | null>>;
  readonly cuda: { readonly available: boolean; readonly devices: readonly { readonly index: number; readonly name: string; readonly memoryGiB: number }[] };
}

export function toEnvironmentReport(result: Record<string, unknown>): EnvironmentReport {
  const fail = (field: string): never => {
    throw new Error(`laser_lab.env result: expected "${field}"`);
  };
  const str = (field: string): string => (typeof result[field] === 'string' ? (result[field] as string) : fail(field));
  const packages = typeof result.packages === 'object' && result.packages !== null ? (result.packages as Record<string, string | null>) : fail('packages');
  const cuda = result.cuda as EnvironmentReport['cuda'] | undefined;
  if (!cuda || typeof cuda.available !== 'boolean' || !Array.isArray(cuda.devices)) fail('cuda');
  return { python: str('python'), executable: str('executable'), laserLab: str('laser_lab'), packages, cuda: cuda as EnvironmentReport['cuda'] };
}

/** One line a user reads in a notification. */
export function describeEnvironment(report: EnvironmentReport): string {
  const installed = Object.entries(report.packages).map(([name, version]) => `${name} ${version ?? '—'}`).join(', ');
  const gpus = report.cuda.available ? `${report.cuda.devices.length} CUDA GPU(s): ${report.cuda.devices.map((d) => d.name).join(', ')}` : 'no CUDA GPU';
  return `Python ${report.python} (${report.executable}) · laser_lab ${report.laserLab} · ${installed} · ${gpus}`;
}

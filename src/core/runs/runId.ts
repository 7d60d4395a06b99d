/** A folder-safe slug: "LaSeR · Qwen2.5-7B (demo)" → "laser-qwen2-5-7b-demo". */
export function slugify(text: string, maxLength = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'run';
}

/** "2026-11-20_080000-laser-qwen" in local time, then "-2", "-3"… for the same second and name. */
export function runId(now: Date, name: string, attempt = 1): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}_${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `${stamp}-${slugify(name)}${attempt > 1 ? `-${attempt}` : ''}`;
}

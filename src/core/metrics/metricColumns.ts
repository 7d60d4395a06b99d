/**
 * The points of one metric, sorted by step, in growable typed arrays: step, value and wall time as float64,
 * plus the store version that last wrote the point as uint32. That is 28 bytes per point; capacity grows by
 * half when full, so at most 42 bytes per point are allocated (about 33 on average).
 */
export const BYTES_PER_POINT = 8 + 8 + 8 + 4;
const INITIAL_CAPACITY = 16;

export class MetricColumns {
  steps = new Float64Array(INITIAL_CAPACITY);
  values = new Float64Array(INITIAL_CAPACITY);
  times = new Float64Array(INITIAL_CAPACITY);
  versions = new Uint32Array(INITIAL_CAPACITY);
  length = 0;
  /** Version of the latest write anywhere. */
  lastWrite = 0;
  /** Version of the latest write before the last point (a re-logged older step); 0 if none. */
  lastRewrite = 0;

  get capacity(): number {
    return this.steps.length;
  }

  /** Appends in step order in O(1) amortised; a step already present is replaced; an older new step is inserted. */
  put(step: number, value: number, time: number, version: number): void {
    const n = this.length;
    this.lastWrite = version;
    if (n === 0 || step > this.steps[n - 1]!) {
      if (n === this.steps.length) this.grow();
      this.write(n, step, value, time, version);
      this.length = n + 1;
      return;
    }
    if (step === this.steps[n - 1]) {
      this.write(n - 1, step, value, time, version);
      return;
    }
    this.lastRewrite = version;
    const at = this.lowerBound(step);
    if (this.steps[at] === step) {
      this.write(at, step, value, time, version);
      return;
    }
    if (n === this.steps.length) this.grow();
    this.steps.copyWithin(at + 1, at, n);
    this.values.copyWithin(at + 1, at, n);
    this.times.copyWithin(at + 1, at, n);
    this.versions.copyWithin(at + 1, at, n);
    this.write(at, step, value, time, version);
    this.length = n + 1;
  }

  /** First index whose point was written after `version`; `length` when none was. */
  changedFrom(version: number): number {
    if (this.lastWrite <= version) return this.length;
    if (this.lastRewrite > version) {
      // A point in the middle changed: the changed points no longer form a suffix.
      for (let i = 0; i < this.length; i++) if (this.versions[i]! > version) return i;
      return this.length;
    }
    let i = this.length;
    while (i > 0 && this.versions[i - 1]! > version) i--;
    return i;
  }

  private write(i: number, step: number, value: number, time: number, version: number): void {
    this.steps[i] = step;
    this.values[i] = value;
    this.times[i] = time;
    this.versions[i] = version;
  }

  private lowerBound(step: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.steps[mid]! < step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const capacity = Math.ceil(this.steps.length * 1.5);
    this.steps = resized(this.steps, capacity);
    this.values = resized(this.values, capacity);
    this.times = resized(this.times, capacity);
    const versions = new Uint32Array(capacity);
    versions.set(this.versions);
    this.versions = versions;
  }
}

function resized(array: Float64Array, capacity: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(capacity);
  next.set(array);
  return next;
}

const HEX_DIGITS = '0123456789abcdef';
const HEX = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));

/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the region generator needs: the same
 * seed gives the same region, row for row, ids included.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An exponential draw of the given mean (waiting times). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** A version-4-shaped UUID drawn from this generator (so ids are reproducible too). */
  uuid(): string {
    let s = '';
    for (let i = 0; i < 8; i++) s += HEX[Math.floor(this.next() * 65536)];
    const variant = HEX_DIGITS[(Number.parseInt(s[16] as string, 16) & 0x3) | 0x8];
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }
}

/** A table of weighted choices, drawn in O(log n). */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];

  constructor(entries: readonly (readonly [T, number])[]) {
    let total = 0;
    for (const [item, weight] of entries) {
      total += weight;
      this.items.push(item);
      this.cumulative.push(total);
    }
    for (let i = 0; i < this.cumulative.length; i++)
      this.cumulative[i] = (this.cumulative[i] as number) / total;
  }

  draw(random: Random): T {
    const x = random.next();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

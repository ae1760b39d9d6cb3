/** A small seeded PRNG (mulberry32), so every fuzz failure can be replayed from its seed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

/**
 * The seeds to run: `FUZZ_SEED` (a number, or `random` for a fresh one) when set, else fixed
 * seeds so that CI runs are reproducible.
 */
export function fuzzSeeds(fixed: readonly number[]): number[] {
  const fromEnv = process.env.FUZZ_SEED;
  if (fromEnv === 'random') return [Math.floor(Math.random() * 2 ** 32)];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return [Number(fromEnv)];
  return [...fixed];
}

/**
 * The one seeded random-number generator used everywhere in the library.
 *
 * Algorithm: xoshiro128** (Blackman and Vigna), 128-bit state, seeded through SplitMix32 so that every
 * 32-bit seed gives a well-mixed state. Pure 32-bit integer arithmetic: the same seed gives the same
 * sequence bit for bit on every JavaScript engine.
 *
 * @module
 */
import { InvalidOptionError } from './errors.js';

/**
 * A seeded pseudo-random generator. Not for cryptography.
 *
 * @example
 * ```ts
 * import { Random } from 'crm-mining';
 * const rng = new Random(7);
 * const die = rng.int(6) + 1; // an integer from 1 to 6
 * const order = rng.shuffle([1, 2, 3, 4, 5]);
 * const picked = rng.sample(100, 3); // 3 distinct indices below 100
 * // the same seed replays the same sequence
 * console.log(new Random(7).next() === new Random(7).next()); // true
 * console.log(die, order, picked);
 * ```
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /**
   * @param seed - any finite number; it is reduced to 32 bits (default 42).
   */
  constructor(seed = 42) {
    if (typeof seed !== 'number' || !Number.isFinite(seed)) {
      throw new InvalidOptionError('seed', `expected a finite number, got ${String(seed)}`);
    }
    let x = (Math.trunc(seed) >>> 0) | 0;
    const next = (): number => {
      // SplitMix32
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n). `n` must be a positive integer below 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0xffffffff) {
      throw new InvalidOptionError('n', `expected an integer in [1, 2^32 - 1], got ${n}`);
    }
    // Lemire's unbiased bounded integer via rejection.
    const limit = 0x100000000 - (0x100000000 % n);
    let r: number;
    do {
      r = this.nextUint32();
    } while (r >= limit);
    return r % n;
  }

  /** A standard normal deviate (Box–Muller, one value per call, the pair's twin discarded for simplicity). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles an array or typed array in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** `k` distinct indices from [0, n), in random order. */
  sample(n: number, k: number): Int32Array {
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new InvalidOptionError('k', `expected an integer in [0, ${n}], got ${k}`);
    }
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx.slice(0, k);
  }

  /** A new generator whose stream is independent of this one's, derived deterministically from it. */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

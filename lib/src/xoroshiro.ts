// xoroshiro128+ (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2018;
// shifts a = 24, b = 16, c = 37) on 32-bit words, since JavaScript has no 64-bit integers
// outside BigInt. The 128-bit state is s0 = (s0Hi, s0Lo), s1 = (s1Hi, s1Lo); a step is
//   out = (s0 + s1) mod 2^32 (the low word of the 64-bit sum),
//   x = s0 ⊕ s1,  s0 ← rotl(s0, 24) ⊕ x ⊕ (x ≪ 16),  s1 ← rotl(x, 37).
// Outputs and state order are those of pure-rand's xoroshiro128plus, from which the library's
// seeded streams come (tests pin the two together draw for draw). The state is plain mutable
// fields so that normal-draws.wat can carry a stream on and hand it back.

/** The state as four signed 32-bit words: [s0 high, s0 low, s1 high, s1 low]. */
export type XoroshiroState = [number, number, number, number];

export class Xoroshiro128Plus {
  constructor(
    private s0Hi: number,
    private s0Lo: number,
    private s1Hi: number,
    private s1Lo: number,
  ) {}

  /** The next 32 random bits, as a signed 32-bit integer. */
  next(): number {
    const { s0Hi, s0Lo } = this;
    const out = (s0Lo + this.s1Lo) | 0;
    const xLo = this.s1Lo ^ s0Lo;
    const xHi = this.s1Hi ^ s0Hi;
    // rotl(s0, 24) takes 24 bits across the word boundary; x ≪ 16 carries 16 bits from low to high
    this.s0Lo = (s0Lo << 24) ^ (s0Hi >>> 8) ^ xLo ^ (xLo << 16);
    this.s0Hi = (s0Hi << 24) ^ (s0Lo >>> 8) ^ xHi ^ ((xHi << 16) | (xLo >>> 16));
    // rotl(x, 37) = rotl(x, 32 + 5): the words swap, then rotate by 5
    this.s1Lo = (xHi << 5) ^ (xLo >>> 27);
    this.s1Hi = (xLo << 5) ^ (xHi >>> 27);
    return out;
  }

  get state(): XoroshiroState {
    return [this.s0Hi, this.s0Lo, this.s1Hi, this.s1Lo];
  }

  set state([s0Hi, s0Lo, s1Hi, s1Lo]: XoroshiroState) {
    this.s0Hi = s0Hi;
    this.s0Lo = s0Lo;
    this.s1Hi = s1Hi;
    this.s1Lo = s1Lo;
  }
}

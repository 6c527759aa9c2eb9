import { DIMS, type SparseVec } from './features';

/**
 * Binary logistic regression over hashed sparse features, with an OFFSET: the
 * rules' own opinion enters as a fixed log-odds term that is not learned, so
 * the model learns only how far the evidence should move away from the rules
 * (p = σ(offset + b + w·x)). With no training data it answers exactly what the
 * rules answer; a handful of corrections in one context is enough to overturn
 * the rules there and nowhere else.
 *
 * Training: stochastic gradient descent with AdaGrad step sizes and L2
 * regularisation, several epochs in a seeded-shuffled order (deterministic).
 */
export type Example = { x: SparseVec; y: 0 | 1; offset: number; weight?: number };
export type Weights = { bias: number; w: Map<number, number> };
export type TrainOptions = { epochs?: number; rate?: number; l2?: number; seed?: number };

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
export const logit = (p: number) => Math.log(p / (1 - p));

export function emptyWeights(): Weights {
  return { bias: 0, w: new Map() };
}

export function score(m: Weights, x: SparseVec, offset: number): number {
  let z = offset + m.bias;
  for (let i = 0; i < x.idx.length; i++) z += (m.w.get(x.idx[i]) ?? 0) * x.val[i];
  return z;
}

export function predict(m: Weights, x: SparseVec, offset: number): number {
  return sigmoid(score(m, x, offset));
}

/** A small deterministic PRNG (mulberry32), so a retrain on the same corrections gives the same model. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function train(examples: Example[], opts: TrainOptions = {}): Weights {
  const epochs = opts.epochs ?? 30;
  const rate = opts.rate ?? 0.5;
  const l2 = opts.l2 ?? 1e-4;
  const rand = rng(opts.seed ?? 7);
  const m = emptyWeights();
  const g2 = new Map<number, number>();
  let g2b = 1e-8;
  const order = examples.map((_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const ex = examples[k];
      const p = predict(m, ex.x, ex.offset);
      const err = (p - ex.y) * (ex.weight ?? 1);
      for (let i = 0; i < ex.x.idx.length; i++) {
        const f = ex.x.idx[i];
        const old = m.w.get(f) ?? 0;
        const g = err * ex.x.val[i] + l2 * old;
        const acc = (g2.get(f) ?? 1e-8) + g * g;
        g2.set(f, acc);
        m.w.set(f, old - (rate / Math.sqrt(acc)) * g);
      }
      g2b += err * err;
      m.bias -= (rate / Math.sqrt(g2b)) * err * 0.5;
    }
  }
  for (const [k, v] of m.w) if (Math.abs(v) < 1e-5) m.w.delete(k);
  return m;
}

/** Compact storage: bias plus the non-zero weights as parallel arrays (rounded to 5 decimals). */
export type StoredWeights = { dims: number; bias: number; idx: number[]; val: number[] };
export function serialize(m: Weights): StoredWeights {
  const entries = [...m.w.entries()].sort((a, b) => a[0] - b[0]);
  return { dims: DIMS, bias: round(m.bias), idx: entries.map((e) => e[0]), val: entries.map((e) => round(e[1])) };
}
export function deserialize(s: StoredWeights): Weights {
  const w = new Map<number, number>();
  s.idx.forEach((k, i) => w.set(k, s.val[i]));
  return { bias: s.bias, w };
}
const round = (x: number) => Math.round(x * 1e5) / 1e5;

import { describe, expect, it } from 'vitest';
import { DEFAULT_PEER_PLAN, peerPlanFromQuery, peerQuery } from './peerPlan';

describe('the peer plan in a query string', () => {
  it('round-trips, and an empty query is the default plan', () => {
    const plan = {
      ns: [64, 256],
      d: 32,
      heads: 2,
      causal: [true],
      repeats: 3,
      seed: 7,
      wasmMaxN: 0,
    };
    expect(peerPlanFromQuery(peerQuery(plan))).toEqual(plan);
    expect(peerPlanFromQuery('')).toEqual(DEFAULT_PEER_PLAN);
  });

  it.each([
    ['?n=8', /n must be an integer from 16/],
    ['?n=64,abc', /n must be an integer/],
    ['?d=0', /d must be/],
    ['?causal=2', /causal must be/],
    ['?repeats=1.5', /repeats must be/],
  ])('refuses %s', (query, why) => {
    expect(() => peerPlanFromQuery(query)).toThrow(why);
  });
});

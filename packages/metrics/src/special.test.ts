import { describe, expect, it } from 'vitest';
import { pairedTTest, wilcoxonSignedRank } from './index';
import { logGamma, normalTwoSided, studentTwoSided } from './special';

const A = [0.2, 0.5, 0.1, 0.9, 0.4, 0.35, 0.6, 0.05, 0.7, 0.3];
const B = [0.1, 0.45, 0.15, 0.7, 0.4, 0.2, 0.5, 0.1, 0.65, 0.1];

describe('special functions (reference values from SciPy 1.17)', () => {
  it('log-gamma and the t and normal tails', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(studentTwoSided(2.5, 9)).toBeCloseTo(0.033861827682985735, 9); // 2 * stats.t.sf(2.5, 9)
    expect(studentTwoSided(0.3, 100)).toBeCloseTo(0.7647998803003035, 9);
    expect(normalTwoSided(1.959963984540054)).toBeCloseTo(0.05, 6);
  });
});

describe('paired tests (reference values from SciPy 1.17)', () => {
  it('paired t-test matches scipy.stats.ttest_rel', () => {
    const result = pairedTTest(A, B);
    expect(result.statistic).toBeCloseTo(2.5766925044124056, 10);
    expect(result.pValue).toBeCloseTo(0.029858182175205698, 9);
    expect(result.df).toBe(9);
  });

  it("Wilcoxon signed-rank matches scipy.stats.wilcoxon(method='approx', correction=True)", () => {
    const result = wilcoxonSignedRank(A, B);
    expect(result.statistic).toBe(6.5);
    expect(result.n).toBe(9); // one zero difference dropped
    expect(result.pValue).toBeCloseTo(0.06607796498102106, 6);
  });

  it('identical runs are not different; mismatched lengths are an error', () => {
    expect(pairedTTest(A, A)).toMatchObject({ statistic: 0, pValue: 1 });
    expect(wilcoxonSignedRank(A, A)).toMatchObject({ statistic: 0, pValue: 1, n: 0 });
    expect(() => pairedTTest(A, B.slice(1))).toThrow('paired test: the runs have 10 and 9 values; pair the same users');
  });
});

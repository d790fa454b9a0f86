import { describe, expect, it } from 'vitest';
import { assertValidPromql, findPromqlSyntaxError, topLevelComparison } from './promql-syntax';

describe('PromQL syntax check', () => {
  it('accepts histogram quantiles, ratios and label matchers', () => {
    expect(
      findPromqlSyntaxError(
        'histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket{namespace="go-coffee"}[5m]))) > 1',
      ),
    ).toBeUndefined();
  });

  it('reports where an unbalanced expression breaks', () => {
    expect(findPromqlSyntaxError('sum(rate(x[5m])')).toMatchObject({ offset: expect.any(Number) });
  });

  it('treats an empty expression as an error', () => {
    expect(() => assertValidPromql('  ', 'panel "CPU"')).toThrow(/panel "CPU": PromQL does not parse/);
  });
});

describe('topLevelComparison', () => {
  it('reads the operator and number of the outermost comparison', () => {
    expect(topLevelComparison('100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m]))) > 80')).toStrictEqual({
      operator: '>',
      threshold: 80,
    });
    expect(topLevelComparison('up == 0')).toStrictEqual({ operator: '==', threshold: 0 });
    expect(topLevelComparison('(sum(rate(coffee_orders_total[5m])) or vector(0)) * 60 < 1')).toStrictEqual({
      operator: '<',
      threshold: 1,
    });
  });

  it('ignores comparisons nested below the top and expressions without one', () => {
    expect(topLevelComparison('sum(up == 0)')).toBeUndefined();
    expect(topLevelComparison('rate(x[5m]) * 60')).toBeUndefined();
    expect(topLevelComparison('x > y')).toBeUndefined();
  });
});

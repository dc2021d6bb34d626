/**
 * The red-stock metric, written as CloudWatch Embedded Metric Format by Powertools Metrics (no
 * PutMetricData call or permission): namespace BloodBank, metric StockLevelRed. One document with
 * dimension `service` (the count of rows at red, which the alarm in infra/ reads; 0 lets it recover)
 * and one per row with dimensions `service` + `BloodGroup` (1 red, 0 not). Powertools prints them
 * with its own Console on stdout, so Lambda's JSON log format does not wrap them.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { StockRow } from '../../fulfillment/usecases/stockPicture.js';

export const NAMESPACE = 'BloodBank';
export const METRIC = 'StockLevelRed';
/** The alarm's dimension value (infra/lib/stateless/monitoring.ts). */
export const METRIC_SERVICE = 'alerts';

export function createStockMetrics(): Metrics {
  return new Metrics({ namespace: NAMESPACE, serviceName: METRIC_SERVICE });
}

export function emitStockLevelRed(
  metrics: Metrics,
  rows: Pick<StockRow, 'group' | 'level'>[],
  at = new Date(),
): void {
  for (const row of rows) {
    // A single metric is published as soon as it is added, with its own dimensions.
    const perGroup = metrics.singleMetric();
    perGroup.setTimestamp(at);
    perGroup.addDimension('BloodGroup', row.group);
    perGroup.addMetric(METRIC, MetricUnit.Count, row.level === 'red' ? 1 : 0);
  }
  metrics.setTimestamp(at);
  metrics.addMetric(METRIC, MetricUnit.Count, rows.filter((r) => r.level === 'red').length);
  metrics.publishStoredMetrics();
}

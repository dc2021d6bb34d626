/**
 * The red-stock metric as CloudWatch Embedded Metric Format log lines (no PutMetricData call or
 * permission): namespace BloodBank, metric StockLevelRed. One line with dimension `service` (the
 * count of groups at red, which the alarm in infra/ reads; 0 lets it recover) and one per group with
 * dimensions `service` + `BloodGroup` (1 red, 0 not). Written raw to stdout so Lambda's JSON log
 * format does not wrap them.
 */
import type { StockRow } from '../../fulfillment/usecases/stockPicture.js';

export const NAMESPACE = 'BloodBank';
export const METRIC = 'StockLevelRed';

export function stockLevelRedLines(
  rows: Pick<StockRow, 'group' | 'level'>[],
  service: string,
  at: Date,
): string[] {
  const doc = (dimensions: string[], values: Record<string, string>, value: number) =>
    JSON.stringify({
      _aws: {
        Timestamp: at.getTime(),
        CloudWatchMetrics: [
          { Namespace: NAMESPACE, Dimensions: [dimensions], Metrics: [{ Name: METRIC, Unit: 'Count' }] },
        ],
      },
      service,
      ...values,
      [METRIC]: value,
    });
  return [
    doc(['service'], {}, rows.filter((r) => r.level === 'red').length),
    ...rows.map((r) => doc(['service', 'BloodGroup'], { BloodGroup: r.group }, r.level === 'red' ? 1 : 0)),
  ];
}

export function emitStockLevelRed(
  rows: Pick<StockRow, 'group' | 'level'>[],
  service = process.env.POWERTOOLS_SERVICE_NAME ?? 'alerts',
  at = new Date(),
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  for (const line of stockLevelRedLines(rows, service, at)) write(line);
}

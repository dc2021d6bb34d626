/**
 * The alerts adapters, without I/O: the appeal SMS text, the SNS request it becomes, the rate
 * limiter in simulated time, the staff Block Kit message, the EMF metric lines, which event runs
 * which task, and the configuration that fails fast.
 */
import type { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { loadAlertsConfig, parseAlertSettings } from '../../../adapters/alerts/config.js';
import { stockLevelRedLines } from '../../../adapters/alerts/emf.js';
import { SpacingLimiter } from '../../../adapters/alerts/limiter.js';
import { parseAlertEvent } from '../../../adapters/alerts/runner.js';
import { appealSender, lifecyclePublish } from '../../../adapters/alerts/sns.js';
import { staffMessage } from '../../../adapters/alerts/staffMessage.js';
import { SnsSmsSender } from '../../../adapters/sms/sender.js';
import { BLOOD_GROUPS } from '../../../fulfillment/domain/vocabulary.js';
import { type AlertRecord, NO_COUNTS } from '../../../fulfillment/store/alertsPort.js';
import { alertSmsText, groupInWords } from '../../../fulfillment/usecases/alerts/messages.js';

const ALERT: AlertRecord = {
  alertId: 'ONEG-20261124T100000-abcdef',
  group: 'O-',
  component: 'red_cells',
  level: 'red',
  status: 'open',
  startedAt: '2026-11-24T10:00:00.000Z',
  unitsNeeded: 15,
  daysOfSupply: 0.86,
  cap: 60,
  delivery: 'done',
  counts: { ...NO_COUNTS, contacted: 3, yes: 1, booked: 1 },
};

describe('the appeal SMS', () => {
  it.each(BLOOD_GROUPS.flatMap((g) => [[g, 'red'] as const, [g, 'amber'] as const]))(
    '%s at %s fits one segment with the group, the site and the replies',
    (group, level) => {
      // Act
      const text = alertSmsText({ group, level, siteName: 'Central Donor Centre' });
      // Assess
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).toContain(groupInWords(group));
      expect(text).toContain('Central Donor Centre');
      expect(text).toContain('Reply YES to book, NO to skip, STOP to opt out');
      // GSM-7 only: a "−" or curly quote would halve the segment.
      expect(text).toMatch(/^[\x20-\x7e]+$/);
    },
  );

  it('shortens a long site name rather than the replies', () => {
    const text = alertSmsText({
      group: 'AB-',
      level: 'amber',
      siteName: 'The Royal Infirmary Regional Blood Donation Centre, West Wing',
    });
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.endsWith('Reply YES to book, NO to skip, STOP to opt out')).toBe(true);
  });
});

describe('the SNS requests', () => {
  it('sends an appeal as one Publish to the phone number, through the SMS adapter sender', async () => {
    // Prepare: the SDK boundary faked, as the benchmark does.
    const sent: PublishCommand[] = [];
    const sender = appealSender(
      new SnsSmsSender({
        client: {
          send: async (c: PublishCommand) => {
            sent.push(c);
            return { $metadata: {} };
          },
        },
      }),
      '+18005550100',
    );
    // Act
    await sender.send({ to: '+12025550123', text: 'hello', alertId: ALERT.alertId });
    // Assess
    expect(sent).toHaveLength(1);
    expect(sent[0]?.input).toMatchObject({
      PhoneNumber: '+12025550123',
      Message: 'hello',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { StringValue: 'Transactional' },
        'AWS.MM.SMS.OriginationNumber': { StringValue: '+18005550100' },
      },
    });
  });

  it('publishes lifecycle events to the topic with filterable attributes and no personal data', () => {
    // Act
    const input = lifecyclePublish('arn:aws:sns:eu-west-2:123456789012:alerts', {
      kind: 'started',
      alert: ALERT,
    }).input;
    // Assess
    expect(input.TopicArn).toBe('arn:aws:sns:eu-west-2:123456789012:alerts');
    expect(input.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'started' },
      group: { DataType: 'String', StringValue: 'O-' },
      level: { DataType: 'String', StringValue: 'red' },
    });
    expect(JSON.parse(input.Message ?? '{}')).toMatchObject({
      alertId: ALERT.alertId,
      counts: { booked: 1 },
    });
  });
});

describe('SpacingLimiter', () => {
  it('spaces concurrent sends evenly at the configured rate (simulated time)', async () => {
    // Prepare
    let now = 0;
    const waits: number[] = [];
    const limiter = new SpacingLimiter({
      perSecond: 20,
      clock: () => now,
      sleep: async (ms) => void waits.push(ms),
    });
    // Act: 100 callers at once.
    await Promise.all(Array.from({ length: 100 }, () => limiter.take()));
    // Assess: 100 messages at 20/s → the last leaves at 4.95 s.
    expect(limiter.lastSendAt).toBeCloseTo(4950, 6);
    expect(Math.max(...waits)).toBeCloseTo(4950, 6);
    now = 60_000;
    await limiter.take();
    expect(limiter.lastSendAt).toBe(60_000);
  });

  it('allows a burst after idling, then the steady rate', async () => {
    const limiter = new SpacingLimiter({
      perSecond: 10,
      burst: 5,
      clock: () => 1_000,
      sleep: async () => undefined,
    });
    for (let i = 0; i < 6; i++) await limiter.take();
    expect(limiter.lastSendAt).toBe(1_100);
  });
});

describe('the staff message', () => {
  it('says what happened with the counts, as Block Kit', () => {
    // Act
    const message = staffMessage({ kind: 'progress', alert: ALERT });
    // Assess
    expect(message.text).toBe(
      'O- red cells: appeal update (RED, 0.9 days of supply). Donors contacted 3, said yes 1, booked 1.',
    );
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(message.blocks)).toContain('*Booked*');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('the StockLevelRed metric', () => {
  it('writes the total for the alarm and one line per group', () => {
    // Act
    const lines = stockLevelRedLines(
      [
        { group: 'O-', level: 'red' },
        { group: 'A+', level: 'green' },
      ],
      'alerts',
      new Date(0),
    ).map((l) => JSON.parse(l));
    // Assess
    expect(lines[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Namespace: 'BloodBank', Dimensions: [['service']], Metrics: [{ Name: 'StockLevelRed' }] },
        ],
      },
      service: 'alerts',
      StockLevelRed: 1,
    });
    expect(lines.slice(1)).toEqual([
      expect.objectContaining({ BloodGroup: 'O-', StockLevelRed: 1 }),
      expect.objectContaining({ BloodGroup: 'A+', StockLevelRed: 0 }),
    ]);
  });
});

describe('parseAlertEvent', () => {
  it.each([
    [
      { source: 'bloodbank.scheduler', task: 'expirySweep' },
      { kind: 'task', task: 'expirySweep' },
    ],
    [
      { source: 'bloodbank.scheduler', task: 'stockCheck' },
      { kind: 'task', task: 'stockCheck' },
    ],
    [
      { 'detail-type': 'Scheduled Event', detail: { task: 'stockCheck' } },
      { kind: 'task', task: 'stockCheck' },
    ],
    [{ 'detail-type': 'StockChanged', source: 'bloodbank.inventory', detail: {} }, { kind: 'stock_change' }],
    [
      {
        Records: [
          {
            eventSource: 'aws:dynamodb',
            dynamodb: { Keys: { pk: { S: 'STOCK#red_cells' }, sk: { S: '~AVAIL#central#O-' } } },
          },
        ],
      },
      { kind: 'stock_change' },
    ],
    [
      { Records: [{ eventSource: 'aws:dynamodb', dynamodb: { Keys: { pk: { S: 'DONOR#1' } } } }] },
      { kind: 'unknown' },
    ],
    [{ source: 'bloodbank.scheduler', task: 'dropTables' }, { kind: 'unknown' }],
    [null, { kind: 'unknown' }],
  ])('%j → %j', (event, expected) => {
    expect(parseAlertEvent(event)).toEqual(expected);
  });
});

describe('configuration', () => {
  const env = {
    TABLE_NAME: 'bloodbank',
    SHORTAGE_ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-2:123456789012:alerts',
  };
  const noSecrets = async () => {
    throw new Error('no secret expected');
  };

  it('reads the stack-provided variables with defaults for the rest', async () => {
    const config = await loadAlertsConfig(env, noSecrets);
    expect(config).toMatchObject({
      tableName: 'bloodbank',
      slack: null,
      smsPerSecond: 20,
      deliveryBudgetMs: 240_000,
    });
    expect(config.settings).toMatchObject({ windowHours: 24, quietDays: 14 });
  });

  it.each([
    [{ SHORTAGE_ALERTS_TOPIC_ARN: env.SHORTAGE_ALERTS_TOPIC_ARN }, /TABLE_NAME/],
    [{ TABLE_NAME: 'bloodbank' }, /SHORTAGE_ALERTS_TOPIC_ARN/],
    [{ ...env, ALERT_WINDOW_HOURS: '-1' }, /ALERT_WINDOW_HOURS/],
    [{ ...env, ALERT_EXPECTED_YIELD: '2' }, /ALERT_EXPECTED_YIELD/],
    [{ ...env, ALERT_MIN_DONORS: '50', ALERT_MAX_DONORS: '10' }, /ALERT_MIN_DONORS/],
    [{ ...env, TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE/],
  ])('fails fast naming the bad variable: %j', async (bad, message) => {
    await expect(loadAlertsConfig(bad, noSecrets)).rejects.toThrow(message);
  });

  it('needs a bot token when a Slack channel is set', async () => {
    const config = await loadAlertsConfig({ ...env, SLACK_ALERTS_CHANNEL: 'C123' }, async () => 'xoxb-test');
    expect(config.slack).toEqual({ channel: 'C123', botToken: 'xoxb-test' });
    await expect(
      loadAlertsConfig({ ...env, SLACK_ALERTS_CHANNEL: 'C123' }, async () => 'nope'),
    ).rejects.toThrow(/SLACK_BOT_TOKEN/);
  });

  it('parses the alert settings alone for the embedded default', () => {
    expect(parseAlertSettings({ ALERT_QUIET_DAYS: '30' }).settings.quietDays).toBe(30);
  });
});

/**
 * ActivityReport (staff): how many units were issued, discarded or collected over a period, from the
 * per-day activity counters. Read only. The period is said in words ("this week", "yesterday", "last
 * month", "in the last 10 days"); fulfillment reads it, with a week as the default.
 */
import type { IntentSource } from './types.js';

export const activityReport: IntentSource = {
  name: 'ActivityReport',
  description: 'Staff ask how many units were issued, discarded or collected over a period.',
  sampleUtterances: [
    'how many units did we {activity} this week',
    'how many units were {activity} yesterday',
    'how many units have we {activity} this month',
    'how many {activity} this week',
    'how many {activity} last week',
    'how many {activity} yesterday',
    'number of {activity} last month',
    'give me a report on {activity} this week',
    'report on {activity} for last week',
    '{activity} report for this month',
    '{activity} so far this week',
    '{activity} today',
    'show me {activity} for the last 30 days',
    'what did we {activity} last week',
    'what was {activity} yesterday',
    'total {activity} this month',
    'how much did we {activity} this week',
    'weekly {activity} figures',
    'monthly {activity} numbers',
    '{activity} per hospital this week',
    '{activity} by reason last month',
    '{activity} per site yesterday',
    'what is our wastage this month',
    'wastage rate last week',
    'how many donations did we collect today',
    'how many bags went out to hospitals this week',
  ],
  slots: [
    {
      name: 'activity',
      description: 'Which activity: issues, discards or collections.',
      slotType: 'Activity',
      required: true,
      prompt: 'Issues, discards or collections?',
      sampleUtterances: ['{activity}'],
    },
  ],
  fulfillmentCodeHook: true,
};

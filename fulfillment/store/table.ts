/**
 * The single-table design, shared by the CDK table (infra/) and the local engine (createTable), so the
 * two cannot drift. Every access pattern (listed below) is served by a key or a GSI; nothing on a
 * request path scans. Every key below is built by one module, ./dynamo/keys.ts: change the two together.
 *
 *   entity              pk                          sk                           GSI1 (gsi1pk / gsi1sk)                    GSI2 (gsi2pk / gsi2sk)
 *   site                SITE#<site>                 META                         SITES / <site>
 *   stock counter       STOCK#<component>           ~AVAIL#<site>#<group>        (sorts after the issue days)
 *   issues per day      STOCK#<component>           ISSUED#<YYYY-MM-DD>          (one attribute per group; TTL 35 days)
 *   unit (component)    UNIT#<din>                  C#<code>                     AVAIL#<site>#<group>#<comp> / <expiresOn>#<din>#<code>   UNITS#<status>#<site> / <expiresOn>#<din>#<code>
 *                       (history inline; GSI1 only while available: FEFO; GSI2 always: quarantine queue, expiring soon)
 *   donation record     DONATION#<din>              META                         (conditional on a new DIN; versioned)
 *   issue record        ISSUES#<YYYY-MM>            <day>#<request id | uuid>    (hospital and the units issued: recall, lookback, reports)
 *   activity counters   ACTIVITY#<YYYY-MM>          <day>#collections|discards|issues   (attributes n:<site> | n:<reason>#<comp> | n:<hospital>#<comp>)
 *   donor profile       DONOR#<id>                  PROFILE                      SMSDONOR#<group> / <notBefore>#<id>       (sparse: known group; shortage appeals)
 *   donation / deferral DONOR#<id>                  DONATION#<date>#<din | id> / DEFERRAL#<until>#<id>   (a donation with a DIN carries it: donations of a donor)
 *   appointment         DONOR#<id>                  APPT#<date>#<time>#<id>
 *   active appointment  DONOR#<id>                  ACTIVE_APPT                  (guard: one upcoming booking per donor)
 *   pending appeal      DONOR#<id>                  PENDING_ALERT                (the donor's outstanding shortage SMS; TTL expiresAt)
 *   unique lookups      SUB#<sub> | PHONE#<hash> | SLACK#<team>#<user>   LOOKUP  (written with attribute_not_exists)
 *   slot bookings       SLOT#<site>#<date>          <HH:MM>                      (booked count, capacity condition)
 *   hospital request    REQUEST#<id>                META                         REQSTATUS#<status> / <createdAt>#<id>
 *   threshold           CONFIG                      THRESHOLDS#<group>
 *   group alert state   ALERT#<group>               STATE                        (openAlertId: one open alert per group)
 *   alert window        ALERT#<group>               WINDOW#<level>               (one alert per group and level per window; TTL expiresAt)
 *   alert (episode)     ALERT#<group>               AL#<alertId>                 (counts, cap, delivery lease; ids sort by start time)
 *   SMS opt-out         SMSOPTOUT#<phone hash>      META                         (present = opted out of every message)
 *   audit entry         AUDIT#<YYYY-MM-DD>          <at>#<id>                                                               ENTITY#<type>#<id> / <at>#<id>
 *   dedupe marker       DEDUPE#<key>                META                         (expires via TTL attribute `expiresAt`)
 *   rate window         RATE#<key>#<window start>   META                         (hits counter; TTL expiresAt)
 *
 * A unit's GSI2 partition starts `UNITS#`, the audit entity's `ENTITY#`: the two never share a key.
 * Units with their history inline keep a unit change one conditional Put, so an allocation of 40
 * units fits one transaction with its counters, issue record and activity counters.
 * The donor index is sparse: only profiles with a known blood group carry its GSI1 keys. `notBefore`
 * is the first day the donor may be appealed to again (after the quiet period, or when a deferral or
 * donation interval ends; 0000-00-00 before any appeal); a query for `gsi1sk < <tomorrow>` returns
 * exactly the donors contactable today, least recently alerted first. An alert id starts with a code
 * of its group (fulfillment/domain/alertId.ts), so an id alone locates its item.
 * Markers that expire carry `expiresAt`; DynamoDB's TTL sweep is lazy, so reads and conditions also
 * treat an expired item as absent.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const GSI1 = 'gsi1';
export const GSI2 = 'gsi2';
export const TTL_ATTRIBUTE = 'expiresAt';

export const KEY_ATTRIBUTES = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const s = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [s('pk'), s('sk'), s('gsi1pk'), s('gsi1sk'), s('gsi2pk'), s('gsi2sk')],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: GSI1,
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: GSI2,
        KeySchema: [
          { AttributeName: 'gsi2pk', KeyType: 'HASH' },
          { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

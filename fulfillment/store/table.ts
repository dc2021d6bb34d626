/**
 * The single-table design, shared by the CDK table (infra/) and the local engine (createTable), so the
 * two cannot drift. Every access pattern in DESIGN.md is served by a key or a GSI; nothing on a
 * request path scans.
 *
 *   entity              pk                          sk                           GSI1 (gsi1pk / gsi1sk)                    GSI2 (gsi2pk / gsi2sk)
 *   site                SITE#<site>                 META
 *   stock counter       STOCK#<component>           ~AVAIL#<site>#<group>        (sorts after the issue days)
 *   issues per day      STOCK#<component>           ISSUED#<YYYY-MM-DD>          (one attribute per group; TTL 35 days)
 *   unit                UNIT#<din>                  META                         AVAIL#<site>#<group>#<comp> / <expiresOn>#<din>   (only while available: FEFO)
 *   donor profile       DONOR#<id>                  PROFILE
 *   donation / deferral DONOR#<id>                  DONATION#<date>#<id> / DEFERRAL#<until>#<id>
 *   appointment         DONOR#<id>                  APPT#<date>#<time>#<id>
 *   active appointment  DONOR#<id>                  ACTIVE_APPT                  (guard: one upcoming booking per donor)
 *   unique lookups      SUB#<sub> | PHONE#<hash> | SLACK#<team>#<user>   LOOKUP  (written with attribute_not_exists)
 *   slot bookings       SLOT#<site>#<date>          <HH:MM>                      (booked count, capacity condition)
 *   hospital request    REQUEST#<id>                META                         REQSTATUS#<status> / <createdAt>#<id>
 *   threshold           CONFIG                      THRESHOLDS#<group>
 *   audit entry         AUDIT#<YYYY-MM-DD>          <at>#<id>                                                               ENTITY#<type>#<id> / <at>#<id>
 *   dedupe marker       DEDUPE#<key>                META                         (expires via TTL attribute `expiresAt`)
 *   shortage alerts     ALERT#<group> (STATE, WINDOW#<level>, AL#<id>), DONOR#<id>/PENDING_ALERT, and the donor
 *                       profile's sparse GSI1 SMSDONOR#<group>: documented in ./dynamo/alertKeys.ts
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

/**
 * Donors, their history and appointments on DynamoDB. Uniqueness (one donor per phone number, one per
 * Cognito account) and capacity (never more bookings than a slot holds, one upcoming appointment per
 * donor) are enforced by conditions inside transactions, so concurrent or retried requests cannot
 * double-book or create duplicates.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BloodGroup } from '../../domain/vocabulary.js';
import type {
  Actor,
  AppointmentRecord,
  BookingOutcome,
  CancelOutcome,
  DeferralItem,
  DonationRecordItem,
  DonorFile,
  DonorRecord,
  NewDonor,
  RegisterOutcome,
} from '../port.js';
import { mustCommit, StoreBase, stripKeys, type TransactItem } from './base.js';
import { DONOR_ITEMS, donorTargetKeys, keys } from './keys.js';

export class DynamoDonors extends StoreBase {
  async donorById(donorId: string): Promise<DonorRecord | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.donor(donorId) }));
    return out.Item ? stripKeys<DonorRecord>(out.Item) : null;
  }

  async donorFile(donorId: string): Promise<DonorFile | null> {
    const items = await this.queryAll<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': keys.donorPartition(donorId) },
    });
    const profile = items.find((i) => i.sk === DONOR_ITEMS.profile);
    if (!profile) return null;
    const byPrefix = (prefix: string) => items.filter((i) => (i.sk as string).startsWith(prefix));
    return {
      profile: stripKeys<DonorRecord>(profile),
      // Deferred at screening: nothing was collected, so no donation interval starts.
      donations: byPrefix(DONOR_ITEMS.donation)
        .filter((i) => i.outcome !== 'deferred')
        .map((i) => ({
          date: i.date as string,
          type: i.donationType as never,
        })),
      deferrals: byPrefix(DONOR_ITEMS.deferral).map((i) => ({
        until: i.until as string,
        reason: i.reason as string,
      })),
      appointments: byPrefix(DONOR_ITEMS.appointment).map((i) => stripKeys<AppointmentRecord>(i)),
    };
  }

  private async lookup(kind: 'SUB' | 'PHONE', value: string): Promise<string | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.lookup(kind, value) }));
    return (out.Item?.donorId as string | undefined) ?? null;
  }

  donorIdBySub(sub: string): Promise<string | null> {
    return this.lookup('SUB', sub);
  }

  donorIdByPhone(phoneE164: string): Promise<string | null> {
    return this.lookup('PHONE', this.hashPhone(phoneE164));
  }

  async registerDonor(donor: NewDonor, actor: Actor): Promise<RegisterOutcome> {
    const donorId = randomUUID();
    const record: DonorRecord = {
      donorId,
      firstName: donor.firstName,
      lastName: donor.lastName,
      dateOfBirth: donor.dateOfBirth,
      phoneE164: donor.phoneE164,
      bloodGroup: donor.bloodGroup,
      homeSite: donor.homeSite,
      smsOptIn: true,
      ...(donor.cognitoSub ? { cognitoSub: donor.cognitoSub } : {}),
      createdAt: this.now().toISOString(),
    };
    const phoneHash = this.hashPhone(donor.phoneE164);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          // GSI1 keys: the donor joins the shortage-alert targeting index (../table.ts).
          Item: {
            ...keys.donor(donorId),
            ...donorTargetKeys(donor.bloodGroup, donorId),
            type: 'donor',
            phoneHash,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.lookup('PHONE', phoneHash), type: 'lookup', donorId },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...(donor.cognitoSub
        ? [
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.lookup('SUB', donor.cognitoSub), type: 'lookup', donorId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]
        : []),
    ];
    const outcome = await this.transactWithAudit(items, {
      actor,
      action: 'donor.registered',
      entityType: 'donor',
      entityId: donorId,
      details: {
        bloodGroupKnown: donor.bloodGroup !== 'unknown',
        homeSite: donor.homeSite,
        linkedAccount: Boolean(donor.cognitoSub),
      },
    });
    if (outcome.ok) return { ok: true, donor: record };
    if (outcome.failed.has(1)) return { ok: false, reason: 'phone_taken' };
    if (outcome.failed.has(2) && donor.cognitoSub) return { ok: false, reason: 'account_linked' };
    throw outcome.error;
  }

  async recordPastDonation(donorId: string, donation: DonationRecordItem, actor: Actor): Promise<void> {
    const id = randomUUID();
    const item = {
      ...keys.donation(donorId, donation.date, id),
      type: 'donation',
      date: donation.date,
      donationType: donation.type,
    };
    mustCommit(
      await this.transactWithAudit([{ Put: { TableName: this.table, Item: item } }], {
        actor,
        action: 'donation.recorded',
        entityType: 'donor',
        entityId: donorId,
        details: { date: donation.date, type: donation.type },
      }),
    );
  }

  /**
   * Sets the group of a donor whose group was unknown (a first-time donor's first tested donation),
   * joining them to the shortage-appeal index; false when the group was already known (unchanged).
   */
  async setBloodGroup(donorId: string, group: BloodGroup, actor: Actor): Promise<boolean> {
    const target = donorTargetKeys(group, donorId);
    const outcome = await this.transactWithAudit(
      [
        {
          Update: {
            TableName: this.table,
            Key: keys.donor(donorId),
            UpdateExpression: 'SET bloodGroup = :g, gsi1pk = :p, gsi1sk = :s',
            ConditionExpression: 'attribute_exists(pk) AND bloodGroup = :unknown',
            ExpressionAttributeValues: {
              ':g': group,
              ':p': target.gsi1pk,
              ':s': target.gsi1sk,
              ':unknown': 'unknown',
            },
          },
        },
      ],
      { actor, action: 'donor.group_set', entityType: 'donor', entityId: donorId, details: { group } },
    );
    return outcome.ok;
  }

  async addDeferral(donorId: string, deferral: DeferralItem, actor: Actor): Promise<void> {
    const id = randomUUID();
    const item = { ...keys.deferral(donorId, deferral.until, id), type: 'deferral', ...deferral };
    mustCommit(
      await this.transactWithAudit([{ Put: { TableName: this.table, Item: item } }], {
        actor,
        action: 'deferral.added',
        entityType: 'donor',
        entityId: donorId,
        details: { until: deferral.until },
      }),
    );
  }

  async slotBookings(site: string, date: string): Promise<Record<string, number>> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': keys.slotPartition(site, date) },
      }),
    );
    const booked: Record<string, number> = {};
    for (const item of out.Items ?? []) booked[item.sk as string] = Number(item.booked ?? 0);
    return booked;
  }

  async bookAppointment(
    input: {
      donorId: string;
      site: string;
      date: string;
      time: string;
      donationType: AppointmentRecord['donationType'];
      capacity: number;
    },
    actor: Actor,
  ): Promise<BookingOutcome> {
    const appointment: AppointmentRecord = {
      appointmentId: randomUUID(),
      donorId: input.donorId,
      site: input.site,
      date: input.date,
      time: input.time,
      donationType: input.donationType,
      status: 'booked',
      createdAt: this.now().toISOString(),
    };
    const items = [
      {
        // The slot counter: created on first booking, never above capacity.
        Update: {
          TableName: this.table,
          Key: keys.slot(input.site, input.date, input.time),
          UpdateExpression: 'SET #cap = :cap ADD booked :one',
          ConditionExpression: 'attribute_not_exists(booked) OR booked < :cap',
          ExpressionAttributeNames: { '#cap': 'capacity' },
          ExpressionAttributeValues: { ':cap': input.capacity, ':one': 1 },
        },
      },
      {
        // One upcoming appointment per donor: a retry or a second tab cannot book twice.
        Put: {
          TableName: this.table,
          Item: {
            ...keys.activeAppointment(input.donorId),
            type: 'active',
            appointmentId: appointment.appointmentId,
            date: input.date,
          },
          // A past appointment no longer blocks a new booking.
          ConditionExpression: 'attribute_not_exists(pk) OR #d < :today',
          ExpressionAttributeNames: { '#d': 'date' },
          ExpressionAttributeValues: { ':today': this.now().toISOString().slice(0, 10) },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.appointment(input.donorId, input.date, input.time, appointment.appointmentId),
            type: 'appointment',
            ...appointment,
          },
        },
      },
    ];
    const outcome = await this.transactWithAudit(items, {
      actor,
      action: 'appointment.booked',
      entityType: 'appointment',
      entityId: appointment.appointmentId,
      details: {
        donorId: input.donorId,
        site: input.site,
        date: input.date,
        time: input.time,
        donationType: input.donationType,
      },
    });
    if (outcome.ok) return { ok: true, appointment };
    if (outcome.failed.has(1)) return { ok: false, reason: 'already_booked' };
    if (outcome.failed.has(0)) return { ok: false, reason: 'slot_full' };
    throw outcome.error;
  }

  async cancelAppointment(donorId: string, appointmentId: string, actor: Actor): Promise<CancelOutcome> {
    const file = await this.donorFile(donorId);
    const appointment = file?.appointments.find(
      (a) => a.appointmentId === appointmentId && a.status === 'booked',
    );
    if (!appointment) return { ok: false, reason: 'not_found' };
    const outcome = await this.transactWithAudit(
      [
        {
          Update: {
            TableName: this.table,
            Key: keys.appointment(donorId, appointment.date, appointment.time, appointmentId),
            UpdateExpression: 'SET #s = :cancelled',
            ConditionExpression: '#s = :booked',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':booked': 'booked' },
          },
        },
        {
          Delete: {
            TableName: this.table,
            Key: keys.activeAppointment(donorId),
            ConditionExpression: 'appointmentId = :a',
            ExpressionAttributeValues: { ':a': appointmentId },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.slot(appointment.site, appointment.date, appointment.time),
            UpdateExpression: 'ADD booked :minus',
            ConditionExpression: 'booked > :zero',
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          },
        },
      ],
      {
        actor,
        action: 'appointment.cancelled',
        entityType: 'appointment',
        entityId: appointmentId,
        details: { donorId, site: appointment.site, date: appointment.date, time: appointment.time },
      },
    );
    // Cancelled concurrently (double click, retry): the first one did the work.
    if (!outcome.ok && outcome.failed.has(0)) return { ok: false, reason: 'not_found' };
    mustCommit(outcome);
    return { ok: true, appointment: { ...appointment, status: 'cancelled' } };
  }
}

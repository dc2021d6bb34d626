/**
 * The embedded default's outbox: every message the system would have sent to a person (SMS, email,
 * Slack) lands here, newest last, and `GET /api/dev/outbox` shows it. In memory and bounded: it is a
 * development window, not a record (the audit trail is the record).
 */
export type OutboxChannel = 'sms' | 'email' | 'slack';

export interface OutboxEntry {
  channel: OutboxChannel;
  to: string;
  text: string;
  at: string;
}

export class Outbox {
  private readonly entries: OutboxEntry[] = [];

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly capacity = 500,
  ) {}

  add(entry: Omit<OutboxEntry, 'at'>): OutboxEntry {
    const stored = { ...entry, at: this.now().toISOString() };
    this.entries.push(stored);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return stored;
  }

  list(): OutboxEntry[] {
    return [...this.entries];
  }
}

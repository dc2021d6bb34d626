/**
 * Unexpected failures of the fulfillment deployable. Expected outcomes ("slot full", "deferred until")
 * are values returned by use cases; these are thrown, and the handler turns them into a safe reply.
 */
export class FulfillmentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FulfillmentError';
  }
}

/** A unit chosen for a request was taken by a concurrent request; the caller re-plans and retries. */
export class AllocationConflictError extends FulfillmentError {
  constructor(options?: { cause?: unknown }) {
    super('A unit chosen for allocation is no longer available', options);
    this.name = 'AllocationConflictError';
  }
}

/** A write lost a race in a way that retrying may fix (DynamoDB TransactionConflict). */
export class TransientConflictError extends FulfillmentError {
  constructor(options?: { cause?: unknown }) {
    super('A concurrent write conflicted; retry', options);
    this.name = 'TransientConflictError';
  }
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export class InvalidEventError extends FulfillmentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidEventError';
  }
}

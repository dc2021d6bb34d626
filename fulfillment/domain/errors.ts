/**
 * Misuse of the pure domain (a malformed DIN, an impossible date, inverted thresholds). Expected
 * outcomes such as "not eligible until 12 Jan" are values, never these.
 */
export class DomainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DomainError';
  }
}

/** Not a YYYY-MM-DD calendar date that exists (e.g. 2025-02-29). */
export class InvalidDateError extends DomainError {
  constructor(value: string, options?: { cause?: unknown }) {
    super(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`, options);
    this.name = 'InvalidDateError';
  }
}

/** A DIN, facility code, year or sequence that breaks the ISBT 128 format. */
export class InvalidDinError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidDinError';
  }
}

/** Stock-level thresholds that are not amber > red > 0. */
export class InvalidThresholdsError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidThresholdsError';
  }
}

/** A numeric argument out of range: negative units, a fractional count, NaN. */
export class InvalidArgumentError extends DomainError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidArgumentError';
  }
}

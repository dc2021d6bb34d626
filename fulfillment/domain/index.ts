/** The pure domain: one import for intents and stores. */
export * from './alertId.js';
export * from './compatibility.js';
export * from './dates.js';
export * from './din.js';
export * from './eligibility.js';
export * from './errors.js';
export * from './fefo.js';
export * from './policy.js';
export * from './shelfLife.js';
export * from './supply.js';
export * from './vocabulary.js';

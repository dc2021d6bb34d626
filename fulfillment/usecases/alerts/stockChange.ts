/**
 * A stock change as the shortage detector hears about it. Use cases that move units out of (or
 * into) stock call a listener with the lines that changed; the listener runs detection and never
 * throws, so a failed check can never undo or fail the change that triggered it.
 */
import type { BloodGroup, Component } from '../../domain/vocabulary.js';

export interface StockChange {
  reason: 'issue' | 'expiry' | 'discard' | 'receipt';
  lines: Array<{ site: string; group: BloodGroup; component: Component }>;
}

export type StockChangeListener = (change: StockChange) => Promise<void>;

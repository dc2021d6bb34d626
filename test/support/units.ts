/** Stock fixtures: units as older tests describe them (one component per DIN), received into stock. */
import type { BloodGroup, Component } from '../../fulfillment/domain/vocabulary.js';
import { receivedStoredUnit } from '../../fulfillment/store/storedUnits.js';
import type { StoredUnit } from '../../fulfillment/store/unitPort.js';

export interface TestUnit {
  din: string;
  group: BloodGroup;
  component: Component;
  site: string;
  /** The day the unit arrived; it must be in date then. */
  collectedOn: string;
  expiresOn: string;
  status?: 'available';
}

/** Each fixture as a unit received from a supplier on its `collectedOn` day (available, counted). */
export function received(units: readonly TestUnit[]): StoredUnit[] {
  return units.map((u) =>
    receivedStoredUnit({
      din: u.din,
      group: u.group,
      component: u.component,
      site: u.site,
      expiresOn: u.expiresOn,
      receivedOn: u.collectedOn,
      source: 'test supplier',
    }),
  );
}

/** The keys of fixture units, for reading them back. */
export const unitIds = (units: readonly TestUnit[]) => units.map((u) => ({ din: u.din, code: u.component }));

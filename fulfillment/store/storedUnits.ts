/**
 * Building StoredUnits from the domain's constructors, for writers that start a unit's life outside
 * a use case (the demo seed, test fixtures, benches). Pure: the domain decides, the store fields are
 * added. A unit the domain refuses (received expired, without a group) is an error here.
 */
import { InvalidArgumentError } from '../domain/errors.js';
import { collectedUnit, type NewUnit, receivedUnit } from '../domain/unit.js';
import type { BloodGroup, Component } from '../domain/vocabulary.js';
import type { StoredUnit } from './unitPort.js';

export interface ReceivedStock {
  din: string;
  /** The component code; the component's name when absent (one such component per DIN). */
  code?: string;
  group: BloodGroup;
  component: Component;
  site: string;
  expiresOn: string;
  /** The day it arrived (the unit's collectedOn, as the port says for received units). */
  receivedOn: string;
  source: string;
}

/** A unit received released from another establishment: available, version 1. */
export function receivedStoredUnit(input: ReceivedStock): StoredUnit {
  const unit: NewUnit = {
    din: input.din,
    code: input.code ?? input.component,
    component: input.component,
    group: input.group,
    expiresOn: input.expiresOn,
    site: input.site,
  };
  const received = receivedUnit(unit, input.source, input.receivedOn);
  if (!received.ok) throw new InvalidArgumentError(`${input.din}: ${received.message}`);
  return { ...received.unit, collectedOn: input.receivedOn, donorId: null, source: input.source, version: 1 };
}

/** A component just made from a donation: quarantined, version 1. */
export function collectedStoredUnit(unit: NewUnit, collectedOn: string, donorId: string): StoredUnit {
  return { ...collectedUnit(unit, collectedOn), collectedOn, donorId, source: null, version: 1 };
}

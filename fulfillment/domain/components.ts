/**
 * What one donation becomes (DOMAIN.md "Components"): one DIN, one component code each, every expiry
 * counted from the collection date with the policy's shelf lives. ISBT 128 product codes are
 * ICCBBA-licensed, so the codes here are our own: the component name, numbered when a donation
 * yields two of the same (double red cells).
 */
import { assertCalendarDate } from './dates.js';
import { isValidDin } from './din.js';
import { InvalidArgumentError } from './errors.js';
import type { Policy } from './policy.js';
import { expiryDate } from './shelfLife.js';
import type { Component, DonationType } from './vocabulary.js';

export interface ProducedComponent {
  din: string;
  code: string;
  component: Component;
  expiresOn: string;
}

/**
 * Whole blood is separated into red cells and plasma unless `keepWhole`; it may also give
 * whole-blood platelets and cryo made from its plasma. The options mean nothing for apheresis.
 */
export interface ProcessingOptions {
  keepWhole?: boolean;
  platelets?: boolean;
  cryo?: boolean;
}

const PLAN: Record<DonationType, (options: ProcessingOptions) => Component[]> = {
  whole_blood: ({ keepWhole, platelets, cryo }) =>
    keepWhole
      ? ['whole_blood']
      : [
          'red_cells',
          'plasma',
          ...(platelets ? (['platelets'] as const) : []),
          ...(cryo ? (['cryo'] as const) : []),
        ],
  double_red_cells: () => ['red_cells', 'red_cells'],
  platelets: () => ['platelets'],
  plasma: () => ['plasma'],
};

export function produceComponents(input: {
  din: string;
  donationType: DonationType;
  collectedOn: string;
  policy: Policy;
  options?: ProcessingOptions;
}): ProducedComponent[] {
  if (!isValidDin(input.din))
    throw new InvalidArgumentError(`Not a canonical DIN: ${JSON.stringify(input.din)}`);
  assertCalendarDate(input.collectedOn);
  const options = input.options ?? {};
  if (options.keepWhole && (options.platelets || options.cryo)) {
    throw new InvalidArgumentError('Whole blood kept whole cannot also give platelets or cryo');
  }
  const components = PLAN[input.donationType](options);
  return components.map((component, i) => {
    const twins = components.filter((c) => c === component).length;
    const nth = components.slice(0, i).filter((c) => c === component).length + 1;
    return {
      din: input.din,
      code: twins > 1 ? `${component}_${nth}` : component,
      component,
      expiresOn: expiryDate(component, input.collectedOn, input.policy),
    };
  });
}

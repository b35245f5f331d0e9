import { CostKeyWeightEntity } from '@app/persistence';
import { plainDecimal } from '../../rounds/round.view';

/** A fordelingsnøkkel: its name and one exact weight per member, as decimal strings. */
export interface CostKeyView {
  key: string;
  weights: Record<string, string>;
}

/** The one mapping from stored weights to the API's view, lowest kommunenummer first. */
export function toCostKeyView(key: string, weights: readonly Pick<CostKeyWeightEntity, 'municipalityNumber' | 'weight'>[]): CostKeyView {
  const sorted = [...weights].sort((a, b) => a.municipalityNumber.localeCompare(b.municipalityNumber));
  return { key, weights: Object.fromEntries(sorted.map((w) => [w.municipalityNumber, plainDecimal(w.weight)])) };
}

import { ValueTransformer } from 'typeorm';

/** Amounts are integer øre in a bigint column; the driver hands them over as strings. */
export const oreTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

/** An official 4-digit kommunenummer, e.g. "5001" for Trondheim. */
export type MunicipalityNumber = string;

const KOMMUNENUMMER = /^\d{4}$/;

/** Whether a value is written as a kommunenummer: exactly four digits, such as "5001" or "0301". */
export function isMunicipalityNumber(value: unknown): value is MunicipalityNumber {
  return typeof value === 'string' && KOMMUNENUMMER.test(value);
}

/** Orders municipalities by kommunenummer, lowest first: the tie-break wherever two members weigh the same. */
export function compareMunicipalityNumbers(a: MunicipalityNumber, b: MunicipalityNumber): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { compareMunicipalityNumbers, isMunicipalityNumber } from './municipality';

describe('municipality numbers', () => {
  it('are exactly four digits', () => {
    expect(['5001', '0301'].every(isMunicipalityNumber)).toBe(true);
    expect([5001, '501', '50011', ' 5001', 'abcd'].some(isMunicipalityNumber)).toBe(false);
  });

  it('order lowest first', () => {
    expect(['5059', '0301', '5001', '5001'].sort(compareMunicipalityNumbers)).toEqual(['0301', '5001', '5001', '5059']);
  });
});

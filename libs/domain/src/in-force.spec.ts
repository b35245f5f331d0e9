import { inForceFrom, inForceOn, type Enactment } from './in-force';

const schedules: Enactment<string>[] = [
  { item: 'fees 2023', effectiveFrom: '2023-01-01', approvedOn: '2022-12-14' },
  { item: 'fees 2020', effectiveFrom: '2020-01-01', approvedOn: '2019-12-13' },
  // Approved after its effective date: in force only from the last adoption.
  { item: 'fees 2024', effectiveFrom: '2024-01-01', approvedOn: '2024-02-08' },
];

describe('in force', () => {
  it('comes into force on the effective date, or the day of the last adoption if later', () => {
    expect(inForceFrom(schedules[0])).toBe('2023-01-01');
    expect(inForceFrom(schedules[2])).toBe('2024-02-08');
  });

  it.each([
    ['2019-12-31', undefined],
    ['2020-01-01', { item: 'fees 2020', inForceFrom: '2020-01-01' }],
    ['2022-12-31', { item: 'fees 2020', inForceFrom: '2020-01-01' }],
    ['2023-01-01', { item: 'fees 2023', inForceFrom: '2023-01-01' }],
    ['2024-02-07', { item: 'fees 2023', inForceFrom: '2023-01-01' }],
    ['2024-02-08', { item: 'fees 2024', inForceFrom: '2024-02-08' }],
    ['2030-06-01', { item: 'fees 2024', inForceFrom: '2024-02-08' }],
  ])('on %s finds %o', (on, expected) => {
    expect(inForceOn(schedules, on)).toEqual(expected);
  });

  it('on the same day prefers the one approved last, then the later in the list', () => {
    const sameDay: Enactment<string>[] = [
      { item: 'second', effectiveFrom: '2023-01-01', approvedOn: '2022-12-20' },
      { item: 'first', effectiveFrom: '2023-01-01', approvedOn: '2022-12-10' },
      { item: 'third', effectiveFrom: '2023-01-01', approvedOn: '2022-12-20' },
    ];
    expect(inForceOn(sameDay, '2023-01-01')?.item).toBe('third');
    expect(inForceOn(sameDay.slice(0, 2), '2023-01-01')?.item).toBe('second');
  });

  it('refuses dates that do not exist', () => {
    expect(() => inForceOn(schedules, '2023-02-29')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_DATE', details: expect.objectContaining({ field: 'on' }) }),
    );
    expect(() => inForceOn([{ item: 'x', effectiveFrom: '2023-1-1', approvedOn: '2022-12-01' }], '2023-02-01')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_DATE', details: expect.objectContaining({ field: 'effectiveFrom' }) }),
    );
  });
});

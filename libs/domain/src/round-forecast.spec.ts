import { forecastRound, isOverdue, type ForecastMember } from './round-forecast';

describe('isOverdue', () => {
  const afterDeadline = new Date('2022-12-15T23:00:00Z'); // 00:00 on 16 December in Oslo
  const lastSecond = new Date('2022-12-15T22:59:59Z');

  it.each(['pending', 'scheduled', 'postponed'] as const)('is true for a %s member once the deadline has run out', (status) => {
    expect(isOverdue(status, '2022-12-15', afterDeadline)).toBe(true);
    expect(isOverdue(status, '2022-12-15', lastSecond)).toBe(false);
  });

  it.each(['adopted', 'rejected', 'adopted_with_amendments'] as const)('is never true for a member that has %s', (status) => {
    expect(isOverdue(status, '2022-12-15', afterDeadline)).toBe(false);
  });
});

describe('forecastRound', () => {
  const members: ForecastMember[] = [
    { municipalityNumber: '5001', status: 'adopted', meetingDate: '2022-11-24' },
    { municipalityNumber: '5035', status: 'scheduled', meetingDate: '2022-12-08' },
    { municipalityNumber: '5031', status: 'postponed', meetingDate: '2022-11-10', nextMeetingDate: '2022-12-14' },
    { municipalityNumber: '5059', status: 'scheduled', meetingDate: '2022-12-01' },
    { municipalityNumber: '5028', status: 'pending' },
    { municipalityNumber: '5029', status: 'postponed', meetingDate: '2022-11-10' },
  ];

  it('is the latest meeting date among undecided members, a postponed one counting by its next meeting', () => {
    expect(forecastRound(members, '2022-12-15')).toEqual({ forecast: '2022-12-14', pastDeadline: false, unscheduled: ['5028', '5029'] });
  });

  it('warns when that meeting is after the deadline', () => {
    expect(forecastRound(members, '2022-12-13')).toMatchObject({ forecast: '2022-12-14', pastDeadline: true });
  });

  it('is unknown when no undecided member has a meeting date', () => {
    expect(forecastRound([members[0], members[4]], '2022-12-15')).toEqual({ forecast: null, pastDeadline: false, unscheduled: ['5028'] });
  });

  it('refuses a deadline that is not a date', () => {
    expect(() => forecastRound(members, '15.12.2022')).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_DATE' }));
  });
});

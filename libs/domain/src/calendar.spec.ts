import {
  addDays,
  daysBetween,
  startOfDayInOslo,
  deadlineEnd,
  DEFAULT_REMINDER_DAYS_BEFORE,
  isCalendarDate,
  isNorwegianPublicHoliday,
  isPastDeadline,
  isWorkingDay,
  parseCalendarDate,
  planReminders,
  reminderSendAt,
  todayInOslo,
  workingDayOnOrBefore,
} from './calendar';

const dates = (reminders: { date: string }[]) => reminders.map((reminder) => reminder.date);
const instants = (reminders: { sendAt: Date }[]) => reminders.map((reminder) => reminder.sendAt.toISOString());

describe('calendar dates', () => {
  it.each(['2022-12-15', '2024-02-29', '2023-01-01'])('takes %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
    expect(parseCalendarDate(date)).toBe(date);
  });

  const notDates = ['2023-02-30', '2023-02-29', '2023-13-01', '2023-2-3', '2023-02-03T00:00', ' 2023-02-03', '15.12.2022', '', 20230203];
  it.each(notDates)('refuses %p', (date) => {
    expect(isCalendarDate(date)).toBe(false);
    expect(() => parseCalendarDate(date, 'meetingDate')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_DATE', kind: 'invalid', details: { field: 'meetingDate', value: String(date) } }),
    );
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-01-01', -1)).toBe('2022-12-31');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });
});

describe('todayInOslo', () => {
  it('gives the date in Oslo, not in UTC', () => {
    expect(todayInOslo(new Date('2022-12-15T22:59:59Z'))).toBe('2022-12-15');
    expect(todayInOslo(new Date('2022-12-15T23:00:00Z'))).toBe('2022-12-16');
    expect(todayInOslo(new Date('2023-06-30T22:00:00Z'))).toBe('2023-07-01');
  });

  it('refuses an instant that is not a valid Date', () => {
    expect(() => todayInOslo(new Date('not a date'))).toThrow(expect.objectContaining({ code: 'CALENDAR.INVALID_INSTANT' }));
    expect(() => todayInOslo('2022-12-15T10:00:00Z' as unknown as Date)).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_INSTANT' }),
    );
  });
});

describe('deadlines', () => {
  it.each([
    ['2022-12-15', '2022-12-15T22:59:59.000Z'], // winter, UTC+1
    ['2023-06-15', '2023-06-15T21:59:59.000Z'], // summer, UTC+2
    ['2026-03-29', '2026-03-29T21:59:59.000Z'], // the day summer time begins
    ['2026-10-25', '2026-10-25T22:59:59.000Z'], // the day summer time ends
  ])('%s ends at 23:59:59 Oslo time, %s', (deadline, end) => {
    expect(deadlineEnd(deadline).toISOString()).toBe(end);
  });

  it('has passed only after that last second', () => {
    expect(isPastDeadline('2022-12-15', new Date('2022-12-15T22:59:59.000Z'))).toBe(false);
    expect(isPastDeadline('2022-12-15', new Date('2022-12-15T22:59:59.001Z'))).toBe(true);
  });
});

describe('Norwegian public holidays and working days', () => {
  it.each([
    '2026-01-01', // nyttårsdag
    '2026-04-02', // skjærtorsdag
    '2026-04-03', // langfredag
    '2026-04-05', // første påskedag
    '2026-04-06', // andre påskedag
    '2026-05-01', // arbeidernes dag
    '2026-05-14', // Kristi himmelfartsdag
    '2026-05-17', // grunnlovsdagen
    '2026-05-24', // første pinsedag
    '2026-05-25', // andre pinsedag
    '2026-12-25', // første juledag
    '2026-12-26', // andre juledag
  ])('%s is a public holiday', (date) => {
    expect(isNorwegianPublicHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each([
    '2026-12-24', // julaften: a bank holiday, not a public one
    '2026-12-31', // nyttårsaften
    '2026-05-08', // frigjøringsdagen: an observance
    '2026-07-29', // olsok: optional
    '2026-02-06', // samefolkets dag: an observance
  ])('%s is an ordinary working day', (date) => {
    expect(isNorwegianPublicHoliday(date)).toBe(false);
    expect(isWorkingDay(date)).toBe(true);
  });

  it('does not work on weekends', () => {
    expect(isWorkingDay('2026-03-28')).toBe(false);
    expect(isWorkingDay('2026-03-29')).toBe(false);
    expect(workingDayOnOrBefore('2026-03-29')).toBe('2026-03-27');
    expect(workingDayOnOrBefore('2026-03-27')).toBe('2026-03-27');
  });
});

describe('planReminders', () => {
  it('plans 14, 7 and 1 days before by default', () => {
    expect(DEFAULT_REMINDER_DAYS_BEFORE).toEqual([14, 7, 1]);
    expect(dates(planReminders('2022-12-15'))).toEqual(['2022-12-01', '2022-12-08', '2022-12-14']);
  });

  it('moves a reminder out of Easter 2026 to the Wednesday before skjærtorsdag, and sends at 08:00 across the summer-time change', () => {
    // Deadline Tuesday 7 April 2026, the day after andre påskedag; summer time began on 29 March.
    const reminders = planReminders('2026-04-07');
    expect(dates(reminders)).toEqual(['2026-03-24', '2026-03-31', '2026-04-01']);
    expect(instants(reminders)).toEqual(['2026-03-24T07:00:00.000Z', '2026-03-31T06:00:00.000Z', '2026-04-01T06:00:00.000Z']);
  });

  it('plans one reminder per day when moved days meet (Easter 2027)', () => {
    // Deadline Tuesday 30 March 2027: 5 days before is skjærtorsdag, 1 day before andre påskedag; both move to 24 March.
    expect(dates(planReminders('2027-03-30', { daysBefore: [1, 5, 6, 7, 7] }))).toEqual(['2027-03-23', '2027-03-24']);
  });

  it('moves a reminder off 17 May (andre pinsedag too in 2027) and Kristi himmelfartsdag', () => {
    expect(dates(planReminders('2027-05-18', { daysBefore: [1] }))).toEqual(['2027-05-14']);
    expect(dates(planReminders('2027-05-13', { daysBefore: [7] }))).toEqual(['2027-05-05']);
  });

  it('moves a reminder out of Christmas and New Year to the working day before', () => {
    expect(dates(planReminders('2026-12-28', { daysBefore: [1] }))).toEqual(['2026-12-24']);
    expect(dates(planReminders('2027-01-04', { daysBefore: [1] }))).toEqual(['2026-12-31']);
  });

  it('sends at 08:00 Oslo time: 07:00Z in winter and 06:00Z in summer, around the autumn change', () => {
    expect(instants(planReminders('2026-10-27', { daysBefore: [4, 1] }))).toEqual(['2026-10-23T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    expect(reminderSendAt('2026-03-27').toISOString()).toBe('2026-03-27T07:00:00.000Z');
    expect(reminderSendAt('2026-03-30').toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('leaves out days already gone when told today, keeping today itself', () => {
    expect(dates(planReminders('2026-04-07', { today: '2026-03-31' }))).toEqual(['2026-03-31', '2026-04-01']);
    expect(planReminders('2026-04-07', { today: '2026-04-08' })).toEqual([]);
  });

  it('can remind on the deadline day itself, moved off a weekend', () => {
    expect(dates(planReminders('2026-03-28', { daysBefore: [0] }))).toEqual(['2026-03-27']);
    expect(planReminders('2026-03-28', { daysBefore: [] })).toEqual([]);
  });

  it('refuses days that are not whole numbers from 0 to 366, and dates that do not exist', () => {
    expect(() => planReminders('2026-04-07', { daysBefore: [14, -1, 1.5, 400] })).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_REMINDER_DAYS', details: { field: 'reminderDaysBefore', invalid: [-1, 1.5, 400] } }),
    );
    expect(() => planReminders('2026-02-30')).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_DATE', details: expect.objectContaining({ field: 'deadline' }) }),
    );
    expect(() => planReminders('2026-04-07', { today: 'today' })).toThrow(
      expect.objectContaining({ code: 'CALENDAR.INVALID_DATE', details: expect.objectContaining({ field: 'today' }) }),
    );
  });
});

describe('startOfDayInOslo', () => {
  it('is midnight in Oslo, in winter and in summer time', () => {
    expect(startOfDayInOslo('2023-01-01').toISOString()).toBe('2022-12-31T23:00:00.000Z');
    expect(startOfDayInOslo('2023-07-01').toISOString()).toBe('2023-06-30T22:00:00.000Z');
  });
});

describe('daysBetween', () => {
  it('counts calendar days across a daylight-saving change and backwards', () => {
    expect(daysBetween('2023-03-20', '2023-03-30')).toBe(10);
    expect(daysBetween('2022-12-15', '2022-12-01')).toBe(-14);
  });
});

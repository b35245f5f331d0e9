import { Notifier, RoundDeadlines, RoundJobsHandler, RoundReminders } from '@app/application';
import { TestApi, startTestApi } from './support/api';
import { MEMBERS, decision, launchFeeRound, register } from './support/round-story';

// A Wednesday in January, before the reminders of the day go at 08:00.
const EARLY = '2030-01-09T07:00:00+01:00';
const DUE = '2030-01-09T08:00:01+01:00';
const DAY = '2030-01-09';
const ROUNDS = 12;

describe('the reminders of a day, written together', () => {
  let api: TestApi;
  let rounds: Array<{ id: string }> = [];
  let postponed: { id: string };
  let effectiveYear = 3000;

  const launch = (extra: Record<string, unknown>) =>
    launchFeeRound(api, { subject: { type: 'fees', total: '10000000.00', costKey: 'fees-2022', effectiveFrom: `${effectiveYear++}-01-01` }, ...extra });
  // A worker process's handlers: its own sweeps.
  const worker = () => {
    const notifier = api.app.get(Notifier);
    return new RoundJobsHandler(api.dataSource, api.clock, notifier, new RoundDeadlines(api.dataSource, notifier), new RoundReminders(api.dataSource, notifier));
  };
  const reminders = async () =>
    ((await api.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE kind = 'reminder'`))[0] as { n: number }).n;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: EARLY });
    // Their one reminder is today, the day before the deadline.
    rounds = await Promise.all(Array.from({ length: ROUNDS }, () => launch({ deadline: '2030-01-10', reminderDaysBefore: [1] })));
    // Malvik decided before the reminders went.
    expect((await register(api, rounds[2].id, '5031', decision('adopted', '2030-01-08'))).status).toBe(200);
    // Skaun's case waits for its meeting tomorrow: its reminder is today, though the round's plan has no day today.
    postponed = await launch({ deadline: '2030-01-31' });
    expect((await register(api, postponed.id, '5029', decision('postponed', '2030-01-08', { nextMeetingDate: '2030-01-10' }))).status).toBe(200);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('writes every reminder of the day at the first job, and the others find theirs written', async () => {
    api.clock.set(DUE);
    const first = worker();
    expect(await first.reminder({ roundId: rounds[0].id, municipalityNumber: '5001', date: DAY })).toBe('done');
    expect(await reminders()).toBe(ROUNDS * MEMBERS.length - 1);

    const results = await Promise.all(rounds.flatMap((round) => MEMBERS.map((nr) => first.reminder({ roundId: round.id, municipalityNumber: nr, date: DAY }))));
    // Every job of the day is done but Malvik's in the round it decided: that one is decided the single way, and skipped.
    expect(results.filter((result) => result === 'skipped')).toHaveLength(1);
    expect(await reminders()).toBe(ROUNDS * MEMBERS.length - 1);
    const malvik = await api.dataSource.query(`SELECT 1 FROM notification WHERE round_id = $1 AND key LIKE 'reminder/%/5031/%'`, [rounds[2].id]);
    expect(malvik).toEqual([]);

    // Another process's job of the day sweeps too, writes nothing, and finds its reminder written.
    expect(await worker().reminder({ roundId: rounds[1].id, municipalityNumber: '5028', date: DAY })).toBe('skipped');
    expect(await reminders()).toBe(ROUNDS * MEMBERS.length - 1);
  });

  it('sends the reminder of a postponed case before its meeting, on a day the round’s plan does not have, once', async () => {
    const handler = worker();
    expect(await handler.reminder({ roundId: postponed.id, municipalityNumber: '5029', date: DAY })).toBe('done');
    expect(await handler.reminder({ roundId: postponed.id, municipalityNumber: '5029', date: DAY })).toBe('skipped');
    const rows = await api.dataSource.query(`SELECT topic FROM notification WHERE round_id = $1 AND kind = 'reminder'`, [postponed.id]);
    expect(rows).toEqual([{ topic: `reminder/${postponed.id}/5029/${DAY}` }]);
    // The round's other members have no reminder today.
    expect(await handler.reminder({ roundId: postponed.id, municipalityNumber: '5001', date: DAY })).toBe('skipped');
  });
});

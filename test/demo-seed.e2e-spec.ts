import { DataSource } from 'typeorm';
import { SettableClock } from '@app/application';
import { DEMO_ALLIANCE, DEMO_COUNCIL, demoUsers, seedDemo } from '@app/demo';
import { dataSourceOptions } from '@app/persistence';
import { TestDatabase, createTestDatabase } from './support/database';

const TABLES = ['council', 'municipality', 'membership', 'cost_key', 'cost_key_weight', 'fee_schedule', 'fee_schedule_line', 'app_user', 'role_grant'];

async function counts(dataSource: DataSource): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
    result[table] = count;
  }
  return result;
}

/** The open rounds as the dashboard would tell them: council, title, dates, and each member's status. */
async function openRounds(dataSource: DataSource) {
  const rounds: Array<{ id: string; council: string; title: string; deadline: string; effectiveFrom: string; launchedAt: Date }> = await dataSource.query(
    `SELECT r.id, c.slug AS council, r.title, r.deadline::text AS deadline, r.fee_effective_from::text AS "effectiveFrom", r.launched_at AS "launchedAt"
       FROM round r JOIN council c ON c.id = r.council_id WHERE r.status = 'open' ORDER BY c.slug`,
  );
  const members: Array<{ roundId: string; number: string; status: string; meetingDate: string | null; body: string | null; caseNumber: string | null; note: string | null }> =
    await dataSource.query(
      `SELECT round_id AS "roundId", municipality_number AS number, status, meeting_date::text AS "meetingDate", body, case_number AS "caseNumber", note
         FROM round_member ORDER BY municipality_number`,
    );
  return rounds.map((round) => ({ ...round, members: members.filter((member) => member.roundId === round.id) }));
}

const launchedOn = (instant: Date) => instant.toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });

describe('the demo data', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  // A Tuesday in Oslo: the story is told from it.
  const clock = new SettableClock(new Date('2026-12-01T08:30:00+01:00'));

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('without the rounds loads only what every suite starts from: Trondheimsregionen, its members, the 2022 fees and a person per role', async () => {
    await seedDemo(dataSource, { withRounds: false });
    expect(await counts(dataSource)).toEqual({
      council: 1,
      municipality: 8,
      membership: 8,
      cost_key: 1,
      cost_key_weight: 8,
      fee_schedule: 1,
      fee_schedule_line: 8,
      app_user: 3 + DEMO_COUNCIL.members.length,
      role_grant: 3 + DEMO_COUNCIL.members.length,
    });
    const [{ rounds }] = await dataSource.query(`SELECT count(*)::int AS rounds FROM round`);
    expect(rounds).toBe(0);
  });

  it('with the rounds adds Trondheimsalliansen IPR and its people, and run again changes nothing', async () => {
    await seedDemo(dataSource, { clock });
    const first = await counts(dataSource);
    expect(first).toEqual({
      council: 2,
      municipality: 8,
      membership: 16,
      cost_key: 2,
      cost_key_weight: 16,
      fee_schedule: 2,
      fee_schedule_line: 16,
      app_user: 4 + DEMO_COUNCIL.members.length,
      // Lars Leder leads both councils.
      role_grant: 5 + DEMO_COUNCIL.members.length,
    });

    await seedDemo(dataSource, { clock });
    expect(await counts(dataSource)).toEqual(first);
    const [{ rounds }] = await dataSource.query(`SELECT count(*)::int AS rounds FROM round`);
    expect(rounds).toBe(3);
  });

  it('keeps the 2020 agreement in force through its settled round', async () => {
    const [round] = await dataSource.query(`SELECT status, launched_at AS "launchedAt" FROM round WHERE subject_type = 'agreement'`);
    expect({ status: round.status, launchedOn: launchedOn(round.launchedAt) }).toEqual({ status: 'approved', launchedOn: '2019-12-16' });
    const [version] = await dataSource.query(`SELECT adoption, in_force_from::text FROM agreement_version`);
    expect(version).toEqual({ adoption: 'round', in_force_from: '2020-07-01' });
    const [{ settled }] = await dataSource.query(`SELECT count(*)::int AS settled FROM event WHERE type = 'round.settled'`);
    expect(settled).toBe(1);
  });

  it('dates every event by the story: in the order it happened, never after today, a launch with its round', async () => {
    const events: Array<{ councilId: string; at: Date }> = await dataSource.query(`SELECT council_id AS "councilId", at FROM event ORDER BY id`);
    for (const councilId of new Set(events.map((event) => event.councilId))) {
      const times = events.filter((event) => event.councilId === councilId).map((event) => event.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(Math.max(...events.map((event) => event.at.getTime()))).toBeLessThanOrEqual(clock.now().getTime());
    const launches = await dataSource.query(`SELECT r.launched_at AS round, e.at AS event FROM round r JOIN event e ON e.round_id = r.id AND e.type = 'round.launched'`);
    expect(launches).toHaveLength(3);
    for (const launch of launches) expect(launch.event).toEqual(launch.round);
  });

  it('has the fee round told from today: launched five weeks ago, five adopted in the past weeks, Melhus scheduled before the deadline three weeks ahead', async () => {
    const fees = (await openRounds(dataSource)).find((round) => round.council === DEMO_COUNCIL.slug)!;
    expect({ title: fees.title, launchedOn: launchedOn(fees.launchedAt), deadline: fees.deadline, effectiveFrom: fees.effectiveFrom }).toEqual({
      title: 'Ny medlemsavgift fra 2027: NOK 10 000 000',
      launchedOn: '2026-10-27',
      deadline: '2026-12-22',
      effectiveFrom: '2027-01-01',
    });
    expect(fees.members.map(({ number, status, meetingDate, body, caseNumber }) => [number, status, meetingDate, body, caseNumber])).toEqual([
      ['5001', 'adopted', '2026-11-20', 'bystyre', '2026/1234'],
      ['5027', 'pending', null, null, null],
      ['5028', 'scheduled', '2026-12-11', null, null],
      ['5029', 'adopted', '2026-11-18', 'kommunestyre', '2026/0412'],
      ['5031', 'adopted', '2026-11-13', 'kommunestyre', '2026/3387'],
      ['5035', 'adopted', '2026-11-11', 'kommunestyre', '2026/2210'],
      ['5054', 'pending', null, null, null],
      ['5059', 'adopted', '2026-11-25', 'kommunestyre', '2026/5120'],
    ]);
    expect(fees.members.find((member) => member.number === '5028')?.note).toBe('Formannskapet innstiller på å vedta.');
    const [trondheim] = await dataSource.query(
      `SELECT current_fee_ore::text AS current, new_fee_ore::text AS new FROM round_allocation_line WHERE round_id = $1 AND municipality_number = '5001'`,
      [fees.id],
    );
    expect(trondheim).toEqual({ current: '332045400', new: '519464668' });
  });

  it('has Trondheimsalliansen IPR with the 2025 percentages, the 2025 budget in force and next year\'s NOK 100 000 out since last week', async () => {
    const budget = (await openRounds(dataSource)).find((round) => round.council === DEMO_ALLIANCE.slug)!;
    expect({ title: budget.title, launchedOn: launchedOn(budget.launchedAt), deadline: budget.deadline, effectiveFrom: budget.effectiveFrom }).toEqual({
      title: 'Budsjett 2027: NOK 100 000',
      launchedOn: '2026-11-24',
      deadline: '2027-01-05',
      effectiveFrom: '2027-01-01',
    });
    const decided = budget.members.filter((member) => member.status !== 'pending').map(({ number, status, meetingDate, body }) => [number, status, meetingDate, body]);
    expect(decided).toEqual([
      ['5001', 'adopted', '2026-11-30', 'bystyre'],
      ['5059', 'adopted', '2026-11-25', 'kommunestyre'],
    ]);
    const shares = await dataSource.query(
      `SELECT municipality_number AS number, weight::numeric::int AS weight, current_fee_ore::text AS current, new_fee_ore::text AS new
         FROM round_allocation_line WHERE round_id = $1 ORDER BY municipality_number`,
      [budget.id],
    );
    expect(Object.fromEntries(shares.map((share: { number: string; weight: number }) => [share.number, String(share.weight)]))).toEqual(DEMO_ALLIANCE.weights);
    // NOK 100 000 over the 2025 percentages (seed 000): Trondheim 67 000, as in 2025.
    expect(shares.find((share: { number: string }) => share.number === '5001')).toMatchObject({ current: '6700000', new: '6700000' });
  });

  it('has the 2022 fees adding up to NOK 6 392 069.00, as neither of the papers printed', async () => {
    const [{ total }] = await dataSource.query(
      `SELECT sum(l.amount_ore)::text AS total FROM fee_schedule_line l JOIN fee_schedule s ON s.id = l.fee_schedule_id
         JOIN council c ON c.id = s.council_id WHERE c.slug = $1 AND s.effective_from = '2022-01-01'`,
      [DEMO_COUNCIL.slug],
    );
    expect(total).toBe('639206900');
  });

  it('gives each clerk their own municipality, Lars Leder both councils, and each council its secretariat', async () => {
    const grants = await dataSource.query(
      `SELECT u.subject, u.name, g.role, c.slug, g.municipality_number AS municipality
         FROM role_grant g JOIN app_user u ON u.id = g.user_id LEFT JOIN council c ON c.id = g.council_id ORDER BY u.subject, c.slug`,
    );
    expect(grants).toEqual(
      expect.arrayContaining([
        { subject: 'clerk.5031', name: 'Utvalgssekretær Malvik', role: 'clerk', slug: null, municipality: '5031' },
        { subject: 'sekretariat.trondheimsregionen', name: 'Siri Sekretariat', role: 'secretariat', slug: 'trondheimsregionen', municipality: null },
        { subject: 'sekretariat.trondheimsalliansen', name: 'Anne Allianse', role: 'secretariat', slug: 'trondheimsalliansen', municipality: null },
        { subject: 'leder.trondheimsregionen', name: 'Lars Leder', role: 'leader', slug: 'trondheimsalliansen', municipality: null },
        { subject: 'leder.trondheimsregionen', name: 'Lars Leder', role: 'leader', slug: 'trondheimsregionen', municipality: null },
        { subject: 'admin', name: 'Drift Administrator', role: 'admin', slug: null, municipality: null },
      ]),
    );
    // What the sign-in page shows of each person.
    expect(demoUsers({ alliance: true }).map((person) => person.description)).toEqual(
      expect.arrayContaining(['Sekretariat, Trondheimsregionen', 'Leder, Trondheimsregionen og Trondheimsalliansen IPR', 'Utvalgssekretær, Malvik (5031)']),
    );
  });

  it('moves the story with the day it is seeded on', async () => {
    const other = await createTestDatabase();
    const otherSource = await new DataSource(dataSourceOptions(other.url)).initialize();
    try {
      // A Monday in March: five weeks back is in February, three ahead in April.
      await seedDemo(otherSource, { clock: new SettableClock(new Date('2027-03-15T10:00:00+01:00')) });
      const rounds = await openRounds(otherSource);
      expect(rounds.map(({ council, title, deadline, launchedAt }) => [council, title, launchedOn(launchedAt), deadline])).toEqual([
        ['trondheimsalliansen', 'Budsjett 2028: NOK 100 000', '2027-03-08', '2027-04-19'],
        ['trondheimsregionen', 'Ny medlemsavgift fra 2028: NOK 10 000 000', '2027-02-08', '2027-04-05'],
      ]);
      const meetings = rounds.flatMap((round) => round.members.filter((member) => member.status === 'adopted').map((member) => member.meetingDate!));
      expect(meetings.every((date) => date >= '2027-02-08' && date <= '2027-03-15')).toBe(true);
    } finally {
      await otherSource.destroy();
      await other.drop();
    }
  });
});

import { DataSource } from 'typeorm';
import { DEMO_COUNCIL, seedDemo } from '@app/demo';
import { dataSourceOptions } from '@app/persistence';
import { TestDatabase, createTestDatabase } from './support/database';

describe('the demo data', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  async function counts(): Promise<Record<string, number>> {
    const tables = ['council', 'municipality', 'membership', 'cost_key', 'cost_key_weight', 'fee_schedule', 'fee_schedule_line', 'app_user', 'role_grant'];
    const result: Record<string, number> = {};
    for (const table of tables) {
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM ${table}`);
      result[table] = count;
    }
    return result;
  }

  it('loads Trondheimsregionen, its eight members, the 2022 fees and a user per role, and again changes nothing', async () => {
    await seedDemo(dataSource);
    const first = await counts();
    expect(first).toMatchObject({ council: 1, municipality: 8, membership: 8, cost_key: 1, cost_key_weight: 8, fee_schedule: 1, fee_schedule_line: 8 });
    expect(first.app_user).toBe(3 + DEMO_COUNCIL.members.length);

    await seedDemo(dataSource);
    expect(await counts()).toEqual(first);
  });

  it('has the 2020 agreement in force through a settled round, and the 2022 fee round open with 5 adopted, 1 scheduled, 2 pending', async () => {
    const rounds = await dataSource.query(`SELECT id, subject_type, status FROM round ORDER BY launched_at`);
    expect(rounds.map((round: { subject_type: string; status: string }) => [round.subject_type, round.status])).toEqual([
      ['agreement', 'approved'],
      ['fees', 'open'],
    ]);
    const [version] = await dataSource.query(`SELECT adoption, in_force_from::text FROM agreement_version`);
    expect(version).toEqual({ adoption: 'round', in_force_from: '2020-07-01' });
    const statuses = await dataSource.query(
      `SELECT status, count(*)::int AS count FROM round_member WHERE round_id = $1 GROUP BY status ORDER BY status`,
      [rounds[1].id],
    );
    expect(statuses).toEqual([
      { status: 'adopted', count: 5 },
      { status: 'pending', count: 2 },
      { status: 'scheduled', count: 1 },
    ]);
    const [{ settled }] = await dataSource.query(`SELECT count(*)::int AS settled FROM event WHERE type = 'round.settled'`);
    expect(settled).toBe(1);
  });

  it('has the 2022 fees adding up to NOK 6 392 069.00, as neither of the papers printed', async () => {
    const [{ total }] = await dataSource.query(`SELECT sum(amount_ore)::text AS total FROM fee_schedule_line WHERE fee_schedule_id = (SELECT id FROM fee_schedule WHERE effective_from = '2022-01-01')`);
    expect(total).toBe('639206900');
  });

  it('gives each clerk their own municipality and the secretariat and leader the council', async () => {
    const grants = await dataSource.query(
      `SELECT u.subject, g.role, c.slug, g.municipality_number AS municipality
         FROM role_grant g JOIN app_user u ON u.id = g.user_id LEFT JOIN council c ON c.id = g.council_id ORDER BY u.subject`,
    );
    expect(grants).toEqual(
      expect.arrayContaining([
        { subject: 'clerk.5031', role: 'clerk', slug: null, municipality: '5031' },
        { subject: 'sekretariat.trondheimsregionen', role: 'secretariat', slug: 'trondheimsregionen', municipality: null },
        { subject: 'leder.trondheimsregionen', role: 'leader', slug: 'trondheimsregionen', municipality: null },
        { subject: 'admin', role: 'admin', slug: null, municipality: null },
      ]),
    );
  });
});

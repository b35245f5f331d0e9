import { DataSource, EntityManager } from 'typeorm';
import { Clock, SystemClock } from '@app/application';
import { Money } from '@app/domain';
import { LOCAL_ISSUER } from '@app/identity';
import { DEMO_COUNCIL } from './demo-council';
import { DemoPerson, demoUsers } from './demo-users';
import { seedDemoAlliance } from './seed-demo-alliance';
import { seedDemoRounds } from './seed-demo-rounds';

/** What to load besides Trondheimsregionen itself. */
export interface SeedDemoOptions {
  /**
   * The story (default): the rounds, Trondheimsalliansen IPR and its people. Off, only the
   * council, its members, fees, key and people are loaded: what every test suite starts from.
   */
  withRounds?: boolean;
  /** Today, as the story is told from it: the open rounds' dates are counted from this clock's now. */
  clock?: Clock;
  /** The issuer the demo's people sign in through (people are keyed by issuer and subject); default the local one. */
  issuer?: string;
}

/**
 * Loads the demo: Trondheimsregionen, its eight members, the 2022 fees in force and as a cost
 * key, a person per role; with the rounds, the 2020 agreement in force through a settled round,
 * the fee round open since five weeks, and Trondheimsalliansen IPR with its budget round.
 * Idempotent: running it again changes nothing.
 */
export async function seedDemo(dataSource: DataSource, options: SeedDemoOptions = {}): Promise<void> {
  const withRounds = options.withRounds ?? true;
  await dataSource.transaction(async (manager) => {
    const councilId = await upsertCouncil(manager);
    for (const member of DEMO_COUNCIL.members) {
      await manager.query(
        `INSERT INTO municipality (number, name) VALUES ($1, $2) ON CONFLICT (number) DO UPDATE SET name = EXCLUDED.name`,
        [member.number, member.name],
      );
      await manager.query(
        `INSERT INTO membership (council_id, municipality_number, joined_on, representatives)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (council_id, municipality_number) WHERE left_on IS NULL DO NOTHING`,
        [councilId, member.number, DEMO_COUNCIL.joinedOn, member.representatives],
      );
    }
    await upsertCostKey(manager, councilId);
    await upsertFees2022(manager, councilId);
    await upsertPeople(manager, demoUsers(), options.issuer ?? LOCAL_ISSUER);
  });
  if (!withRounds) return;
  const now = (options.clock ?? new SystemClock()).now();
  await seedDemoRounds(dataSource, now);
  await seedDemoAlliance(dataSource, now);
  // The alliance's grants point at a council that exists only now.
  await dataSource.transaction((manager) => upsertPeople(manager, demoUsers({ alliance: true }), options.issuer ?? LOCAL_ISSUER));
}

async function upsertCouncil(manager: EntityManager): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO council (slug, name) VALUES ($1, $2)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [DEMO_COUNCIL.slug, DEMO_COUNCIL.name],
  );
  return row.id;
}

async function upsertCostKey(manager: EntityManager, councilId: string): Promise<void> {
  const [key] = await manager.query(
    `INSERT INTO cost_key (council_id, key) VALUES ($1, $2)
     ON CONFLICT (council_id, key) DO UPDATE SET key = EXCLUDED.key RETURNING id`,
    [councilId, DEMO_COUNCIL.costKey2022],
  );
  for (const member of DEMO_COUNCIL.members) {
    await manager.query(
      `INSERT INTO cost_key_weight (cost_key_id, municipality_number, weight) VALUES ($1, $2, $3)
       ON CONFLICT (cost_key_id, municipality_number) DO UPDATE SET weight = EXCLUDED.weight`,
      [key.id, member.number, member.fee2022],
    );
  }
}

async function upsertFees2022(manager: EntityManager, councilId: string): Promise<void> {
  const [schedule] = await manager.query(
    `INSERT INTO fee_schedule (council_id, effective_from, in_force_from, source, reason)
     VALUES ($1, '2022-01-01', '2022-01-01', 'onboarding', $2)
     ON CONFLICT (council_id, effective_from) DO UPDATE SET reason = fee_schedule.reason RETURNING id`,
    [councilId, 'Medlemsavgift 2022, vedtatt før rådet tok i bruk systemet'],
  );
  for (const member of DEMO_COUNCIL.members) {
    await manager.query(
      `INSERT INTO fee_schedule_line (fee_schedule_id, municipality_number, amount_ore) VALUES ($1, $2, $3)
       ON CONFLICT (fee_schedule_id, municipality_number) DO NOTHING`,
      [schedule.id, member.number, Money.fromNok(member.fee2022).ore.toString()],
    );
  }
}

async function upsertPeople(manager: EntityManager, people: DemoPerson[], issuer: string): Promise<void> {
  const councils = new Map<string, string>(
    ((await manager.query(`SELECT slug, id FROM council`)) as Array<{ slug: string; id: string }>).map((row) => [row.slug, row.id]),
  );
  for (const person of people) {
    // As at sign-in: someone recorded before people were keyed by issuer is taken over, not doubled.
    await manager.query(`UPDATE app_user SET issuer = $1 WHERE issuer IS NULL AND subject = $2`, [issuer, person.sub]);
    const [row] = await manager.query(
      `INSERT INTO app_user (issuer, subject, name, email) VALUES ($4, $1, $2, $3)
       ON CONFLICT (issuer, subject) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email RETURNING id`,
      [person.sub, person.name, person.email, issuer],
    );
    await manager.query(`DELETE FROM role_grant WHERE user_id = $1`, [row.id]);
    for (const grant of person.roles) {
      const councilId = 'council' in grant ? councils.get(grant.council) : null;
      if (councilId === undefined) throw new Error(`The demo person ${person.sub} has a grant for ${'council' in grant ? grant.council : ''}, which is not loaded`);
      await manager.query(
        `INSERT INTO role_grant (user_id, role, council_id, municipality_number) VALUES ($1, $2, $3, $4)`,
        [row.id, grant.role, councilId, 'municipality' in grant ? grant.municipality : null],
      );
    }
  }
}

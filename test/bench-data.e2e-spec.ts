import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SettableClock, verifyAuditChain } from '@app/application';
import { addDays, todayInOslo } from '@app/domain';
import { signLocalToken } from '@app/identity';
import { createApi } from '../apps/api/src/bootstrap';
import { NationalData, benchClaims, ensureNationalData } from '../bench/national-data';
import { OpenRound, launchOpenRounds } from '../bench/open-rounds';
import { TEST_JWT_SECRET, testConfig } from './support/config';
import { TestDatabase, createTestDatabase } from './support/database';

// The bench's national data set, built small: what it holds must be what the application would
// have written, so that the api serves it, the audit trail verifies, and the bench's rounds settle.

const SCALE = 0.05;
const COUNTIES = ['03', '11', '15', '18', '31', '32', '33', '34', '39', '40', '42', '46', '50', '55', '56'];

describe('the national data set of the bench', () => {
  let database: TestDatabase;
  let data: NationalData;
  let app: INestApplication;
  let sql: Client;
  const bearer = async (subject: string) => `Bearer ${await signLocalToken(TEST_JWT_SECRET, benchClaims(subject))}`;
  const rows = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) => (await sql.query(text, values)).rows as T[];
  const count = async (text: string, values: unknown[] = []) => Number((await rows<{ n: string }>(text, values))[0].n);

  beforeAll(async () => {
    database = await createTestDatabase();
    data = await ensureNationalData(database.url, { scale: SCALE });
    app = await createApi(testConfig({ DATABASE_URL: database.url }), { clock: new SettableClock(new Date()) });
    await app.init();
    app.flushLogs();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 240_000);

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await database?.drop();
  });

  it('holds the country: 357 municipalities, each in one to three councils of five to twenty members', async () => {
    expect(data.municipalities).toHaveLength(357);
    expect(new Set(data.municipalities).size).toBe(357);
    for (const number of data.municipalities) {
      expect(number).toMatch(/^\d{4}$/);
      expect(COUNTIES).toContain(number.slice(0, 2));
    }
    expect(data.councils.length).toBeGreaterThanOrEqual(20);
    const councilsOf = await rows<{ n: number }>(
      `SELECT count(ms.council_id)::int AS n FROM municipality mu LEFT JOIN membership ms ON ms.municipality_number = mu.number AND ms.left_on IS NULL GROUP BY mu.number`,
    );
    expect(councilsOf).toHaveLength(357);
    expect(Math.min(...councilsOf.map((r) => r.n))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...councilsOf.map((r) => r.n))).toBeLessThanOrEqual(3);
    const sizes = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM membership WHERE left_on IS NULL GROUP BY council_id`);
    expect(sizes).toHaveLength(data.councils.length);
    expect(Math.min(...sizes.map((r) => r.n))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...sizes.map((r) => r.n))).toBeLessThanOrEqual(20);
    const members = await rows<{ slug: string; members: string[] }>(
      `SELECT c.slug, array_agg(m.municipality_number::text ORDER BY m.municipality_number) AS members FROM council c JOIN membership m ON m.council_id = c.id GROUP BY c.slug`,
    );
    expect(new Map(members.map((c) => [c.slug, c.members]))).toEqual(new Map(data.councils.map((c) => [c.slug, c.members])));
  });

  it('has twenty years of rounds at its scale, with their decisions, events, notices and outbox rows', async () => {
    const { counts } = data;
    expect(counts.municipalities).toBe(357);
    expect(counts.rounds).toBe(1000);
    expect(counts.openRounds).toBeGreaterThanOrEqual(2 * counts.councils);
    expect(counts.openRounds).toBeLessThanOrEqual(4 * counts.councils);
    expect(counts.roundMembers).toBeGreaterThan(counts.rounds * 5);
    expect(counts.revisions).toBeGreaterThan(counts.roundMembers * 0.8);
    expect(counts.events).toBeGreaterThan(counts.revisions + counts.rounds);
    expect(counts.people).toBe(1 + 357 + 2 * counts.councils);
    expect(counts.notifications).toBeGreaterThan(counts.rounds);
    expect(counts.outbox).toBeGreaterThan(counts.openRounds);
    const [span] = await rows<{ years: number }>(`SELECT extract(year FROM age(max(launched_at), min(launched_at)))::int AS years FROM round`);
    expect(span.years).toBeGreaterThanOrEqual(19);
    const statuses = Object.fromEntries((await rows<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM round GROUP BY status`)).map((r) => [r.status, r.n]));
    expect(statuses.approved).toBeGreaterThan(counts.rounds / 2);
    for (const status of ['rejected', 'withdrawn', 'expired']) expect(statuses[status]).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM round WHERE is_public`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM round WHERE subject_type = 'agreement'`)).toBeGreaterThan(0);
  });

  it('reads its summary back at once once it is built', async () => {
    const again = await ensureNationalData(database.url, { scale: SCALE });
    expect(again.builtInSeconds).toBeNull();
    expect({ ...again, builtInSeconds: data.builtInSeconds }).toEqual(data);
  });

  it('keeps every council’s chain: the audit verification passes and each head row names its chain’s newest event', async () => {
    const report = await verifyAuditChain(app.get(DataSource));
    expect(report.firstBrokenLink).toBeNull();
    expect(report.intact).toBe(true);
    expect(report.events).toBe(data.counts.events);
    expect(report.chains).toBe(data.councils.length);
    const heads = await rows<{ chain: string; event_id: string; hash: string }>(`SELECT chain, event_id, hash FROM event_chain_head`);
    expect(new Map(heads.map((h) => [h.chain, [h.event_id, h.hash.trim()]]))).toEqual(new Map(report.heads.map((h) => [h.councilId, [h.headEventId, h.headHash.trim()]])));
    // Ids rise with time in every chain, and the sequences never run out beneath the next append.
    expect(await count(`SELECT count(*) AS n FROM (SELECT at < lag(at) OVER (PARTITION BY council_id ORDER BY id) AS back FROM event) e WHERE back`)).toBe(0);
    expect(await count(`SELECT (SELECT last_value FROM event_id_seq) - (SELECT max(id) FROM event) AS n`)).toBe(0);
    expect(await count(`SELECT (SELECT last_value FROM member_decision_revision_sequence_seq) - (SELECT max(sequence) FROM member_decision_revision) AS n`)).toBe(0);
  });

  it('keeps decisions as the registrations made them: current revision, decided sequence, outcome and what came into force', async () => {
    // The member row is its latest revision.
    expect(
      await count(`
        SELECT count(*) AS n FROM round_member m
          JOIN LATERAL (SELECT * FROM member_decision_revision r WHERE r.round_id = m.round_id AND r.municipality_number = m.municipality_number ORDER BY revision DESC LIMIT 1) last ON true
         WHERE last.revision <> m.revision OR last.status <> m.status OR last.meeting_date IS DISTINCT FROM m.meeting_date OR last.protocol_ref IS DISTINCT FROM m.protocol_ref`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM round_member m WHERE m.revision = 0 AND (m.status <> 'pending' OR m.decided_sequence IS NOT NULL)`)).toBe(0);
    // The decided sequence is the sequence of the registration that decided (a correction of references keeps it).
    expect(
      await count(`
        SELECT count(*) AS n FROM round_member m
         WHERE m.status IN ('adopted', 'rejected', 'adopted_with_amendments')
           AND m.decided_sequence IS DISTINCT FROM (SELECT min(r.sequence) FROM member_decision_revision r
                                                     WHERE r.round_id = m.round_id AND r.municipality_number = m.municipality_number
                                                       AND r.status = m.status AND r.transition <> 'correct_references')`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM (SELECT registered_at < lag(registered_at) OVER (ORDER BY sequence) AS back FROM member_decision_revision) r WHERE back`)).toBe(0);
    // An approved round: every member adopted, the last adoption decisive. A rejected one: the first veto.
    expect(
      await count(`
        SELECT count(*) AS n FROM round r JOIN round_outcome o ON o.round_id = r.id
         WHERE o.status <> r.status
            OR o.decisive_municipality_number <> (
                 SELECT m.municipality_number FROM round_member m
                  WHERE m.round_id = r.id AND m.status IN ('adopted', 'rejected', 'adopted_with_amendments')
                    AND (r.status = 'approved' OR m.status <> 'adopted')
                  ORDER BY CASE WHEN r.status = 'approved' THEN -m.decided_sequence ELSE m.decided_sequence END LIMIT 1)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM round r JOIN round_member m ON m.round_id = r.id WHERE r.status = 'approved' AND m.status <> 'adopted'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM round r WHERE (r.status IN ('approved', 'rejected')) <> EXISTS (SELECT 1 FROM round_outcome o WHERE o.round_id = r.id)`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM round WHERE (status = 'open') <> (closed_at IS NULL)`)).toBe(0);
    // Still open: nobody vetoed, somebody is yet to adopt.
    expect(
      await count(`
        SELECT count(*) AS n FROM round r WHERE r.status = 'open'
           AND (EXISTS (SELECT 1 FROM round_member m WHERE m.round_id = r.id AND m.status IN ('rejected', 'adopted_with_amendments'))
                OR NOT EXISTS (SELECT 1 FROM round_member m WHERE m.round_id = r.id AND m.status <> 'adopted'))`),
    ).toBe(0);
    // Approved subjects are in force: the fee round's schedule with its lines, the agreement round's version.
    expect(
      await count(`
        SELECT count(*) AS n FROM round r
         WHERE r.status = 'approved' AND r.subject_type = 'fees'
           AND NOT EXISTS (SELECT 1 FROM fee_schedule s WHERE s.round_id = r.id AND s.effective_from = r.fee_effective_from
                              AND (SELECT count(*) FROM fee_schedule_line l WHERE l.fee_schedule_id = s.id) = (SELECT count(*) FROM round_member m WHERE m.round_id = r.id))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM round r JOIN agreement_version v ON v.id = r.agreement_version_id WHERE (r.status = 'approved') <> (v.adoption = 'round' AND v.in_force_from IS NOT NULL)`),
    ).toBe(0);
    // Every allocation adds up to the round's total.
    expect(
      await count(`SELECT count(*) AS n FROM round r WHERE r.subject_type = 'fees' AND r.fee_total_ore <> (SELECT sum(new_fee_ore) FROM round_allocation_line a WHERE a.round_id = r.id)`),
    ).toBe(0);
    // One launch event per round and one decision event per revision.
    expect(await count(`SELECT count(*) AS n FROM event WHERE type = 'round.launched'`)).toBe(data.counts.rounds);
    expect(await count(`SELECT count(*) AS n FROM event WHERE type IN ('decision.registered', 'decision.corrected')`)).toBe(data.counts.revisions);
    expect(await count(`SELECT count(*) AS n FROM event WHERE type = 'round.settled'`)).toBe(await count(`SELECT count(*) AS n FROM round_outcome`));
  });

  it('gives each person of the data set a token the api maps onto the rows already there', async () => {
    const people = await count(`SELECT count(*) AS n FROM app_user`);
    const grants = await rows(`SELECT user_id, role, council_id, municipality_number FROM role_grant ORDER BY 1, 2, 3, 4`);
    const council = data.councils[0];
    for (const subject of ['admin', `clerk.${council.members[0]}`, `secretariat.${council.slug}`, `leader.${council.slug}`]) {
      expect((await request(app.getHttpServer()).get('/api/me').set('Authorization', await bearer(subject))).status).toBe(200);
    }
    expect(await count(`SELECT count(*) AS n FROM app_user`)).toBe(people);
    expect(await rows(`SELECT user_id, role, council_id, municipality_number FROM role_grant ORDER BY 1, 2, 3, 4`)).toEqual(grants);
    expect(() => benchClaims('kari.nordmann')).toThrow(/no person of the bench/);
  });

  it('is served by the api: dashboard, inbox, a round, the round list, the public page, a round’s trail and a person’s notices', async () => {
    const http = app.getHttpServer();
    const busiest = data.busiestCouncil;
    const get = async (path: string, subject: string | null) => {
      const call = request(http).get(path);
      const response = subject ? await call.set('Authorization', await bearer(subject)) : await call;
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      return response;
    };
    const dashboard = await get(`/api/councils/${busiest}/dashboard`, `secretariat.${busiest}`);
    expect(dashboard.body.openRounds.length).toBeGreaterThan(0);
    expect(dashboard.body.recentlySettled).toHaveLength(10);
    const inbox = await get(`/api/municipalities/${data.busiestMunicipality}/inbox`, `clerk.${data.busiestMunicipality}`);
    expect(inbox.body.items.length).toBeGreaterThan(0);
    expect(inbox.body.decided.length).toBeGreaterThan(0);
    const round = await get(`/api/rounds/${data.sampleRoundId}`, `secretariat.${busiest}`);
    expect(round.body).toMatchObject({ status: 'open', council: busiest });
    expect(round.body.members.some((m: { decision: unknown }) => m.decision)).toBe(true);
    const list = await get(`/api/councils/${busiest}/rounds`, `leader.${busiest}`);
    expect(list.body.length).toBeGreaterThan(0);
    // Summaries: the members and their decisions are the round's own.
    expect(list.body[0]).toMatchObject({ council: busiest, progress: { total: expect.any(Number) } });
    expect(list.body.some((item: Record<string, unknown>) => 'members' in item || 'allocation' in item)).toBe(false);
    const page = await get(`/public/${busiest}`, null);
    expect(page.text).toContain('<html');
    const events = await get(`/api/rounds/${data.sampleRoundId}/events`, `leader.${busiest}`);
    expect(events.body[0].type).toBe('round.launched');
    const notices = await get('/api/me/notifications', `secretariat.${busiest}`);
    expect(notices.body.length).toBeGreaterThan(0);
    // Every kind of round opens, for the clerk of one of its members too.
    const samples = await rows<{ id: string; nr: string }>(
      `SELECT DISTINCT ON (r.status, r.subject_type) r.id, m.municipality_number AS nr FROM round r JOIN round_member m ON m.round_id = r.id
        JOIN council c ON c.id = r.council_id WHERE c.slug = $1 ORDER BY r.status, r.subject_type, r.launched_at DESC`,
      [busiest],
    );
    for (const sample of samples) {
      await get(`/api/rounds/${sample.id}`, `clerk.${sample.nr}`);
      await get(`/api/rounds/${sample.id}/decisions/${sample.nr}`, `clerk.${sample.nr}`);
    }
  });

  describe('fresh open rounds for the bench', () => {
    let launched: OpenRound[];
    const launchedAt = new Date(Date.now() - 3_600_000);
    const deadline = addDays(todayInOslo(new Date()), 21);

    beforeAll(async () => {
      launched = await launchOpenRounds(database.url, { count: 50, undecided: 2, deadline, launchedAt, minMembers: 8, jobs: 'outbox' });
    });

    it('spreads them over the councils, every member but the undecided ones adopted, their jobs waiting in the outbox', async () => {
      expect(launched).toHaveLength(50);
      const bigCouncils = data.councils.filter((c) => c.members.length >= 8);
      expect(new Set(launched.map((r) => r.slug)).size).toBe(Math.min(50, bigCouncils.length));
      for (const round of launched) {
        expect(round.deadline).toBe(deadline);
        expect(round.members.filter((m) => m.status === 'pending')).toHaveLength(2);
        expect(round.members.length).toBe(data.councils.find((c) => c.slug === round.slug)!.members.length);
      }
      const ids = launched.map((r) => r.id);
      expect(await count(`SELECT count(*) AS n FROM round WHERE id = ANY($1) AND status = 'open' AND subject_type = 'fees'`, [ids])).toBe(50);
      expect(await count(`SELECT count(*) AS n FROM round_member WHERE round_id = ANY($1) AND status = 'adopted' AND decided_sequence IS NOT NULL AND revision = 1`, [ids])).toBe(
        launched.reduce((n, r) => n + r.members.length - 2, 0),
      );
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL AND job_name = 'round.deadline' AND payload->>'roundId' = ANY($1)`, [ids])).toBe(50);
      expect(await count(`SELECT count(*) AS n FROM outbox WHERE relayed_at IS NULL AND job_name = 'round.reminder' AND payload->>'roundId' = ANY($1)`, [ids])).toBeGreaterThanOrEqual(50 * 2);
      // A council's effective dates stay its own: no open round and no schedule shares one.
      expect(await count(`SELECT count(*) AS n FROM (SELECT council_id, fee_effective_from FROM round WHERE status = 'open' AND fee_effective_from IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1) d`)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM round r JOIN fee_schedule s ON s.council_id = r.council_id AND s.effective_from = r.fee_effective_from WHERE r.id = ANY($1)`, [ids])).toBe(0);
    });

    it('settles a round exactly once when its last member registers, and brings its fees into force', async () => {
      const http = app.getHttpServer();
      const round = launched[0];
      const today = todayInOslo(new Date());
      const pending = round.members.filter((m) => m.status === 'pending');
      const body = { decision: 'adopted', meetingDate: today, body: 'kommunestyre', caseNumber: `${today.slice(0, 4)}/77`, protocolRef: 'https://innsyn.example/protokoll' };
      const register = async (number: string) =>
        request(http).put(`/api/rounds/${round.id}/decisions/${number}`).set('Authorization', await bearer(`clerk.${number}`)).send(body);
      const first = await register(pending[0].municipalityNumber);
      expect(first.status).toBe(200);
      expect(first.body.round.status).toBe('open');
      // The last registration sent twice at once: one settles the round, the other finds it settled.
      const [a, b] = await Promise.all([register(pending[1].municipalityNumber), register(pending[1].municipalityNumber)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect([a.body.round.status, b.body.round.status]).toEqual(['approved', 'approved']);
      expect(await count(`SELECT count(*) AS n FROM round_outcome WHERE round_id = $1 AND decisive_municipality_number = $2`, [round.id, pending[1].municipalityNumber])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM event WHERE round_id = $1 AND type = 'round.settled'`, [round.id])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM event WHERE round_id = $1 AND type = 'fee_schedule.in_force'`, [round.id])).toBe(1);
      expect(
        await count(`SELECT count(*) AS n FROM fee_schedule s JOIN fee_schedule_line l ON l.fee_schedule_id = s.id WHERE s.round_id = $1 AND s.source = 'round'`, [round.id]),
      ).toBe(round.members.length);
      const view = await request(http).get(`/api/rounds/${round.id}`).set('Authorization', await bearer(`secretariat.${round.slug}`));
      expect(view.body.outcome).toMatchObject({ status: 'approved', decisiveMunicipalityNumber: pending[1].municipalityNumber });
    });

    it('leaves every chain intact, the rounds’ events on their councils’ chains', async () => {
      const report = await verifyAuditChain(app.get(DataSource));
      expect(report.firstBrokenLink).toBeNull();
      expect(report.intact).toBe(true);
      expect(report.chains).toBe(data.councils.length);
      expect(await count(`SELECT count(*) AS n FROM event WHERE type = 'round.launched' AND round_id = ANY($1)`, [launched.map((r) => r.id)])).toBe(50);
      const admin = await request(app.getHttpServer()).get('/api/audit/verify').set('Authorization', await bearer('admin'));
      expect(admin.status).toBe(200);
      expect(admin.body.intact).toBe(true);
    });
  });
});

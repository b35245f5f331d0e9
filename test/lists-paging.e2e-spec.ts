import request from 'supertest';
import { EntityManager } from 'typeorm';
import { Notifier, appendEvent } from '@app/application';
import { TestApi, startTestApi } from './support/api';
import { QueryCounter, countQueries } from './support/query-counter';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken } from './support/tokens';

// API.md § Lists: every list takes `limit` (1–200, default 50), answers a JSON array, and names
// its next page in `Link: <…>; rel="next"` with an opaque cursor; a page never costs more
// queries as the list grows. For each list: walking the Link headers gives every item exactly
// once, in the list's order, also where items tie on their sort instant (the test clock stands
// still, so most do) or differ by microseconds only; a page of 120 costs the queries a page of 3
// does (the round list and the public page: one round trip, whatever the page); and a bad limit
// or cursor is a 400 problem+json naming the field.

const LINK_NEXT = /^<([^>]+)>; rel="next"$/;

interface Walk {
  ids: string[];
  pageSizes: number[];
  links: string[];
}

/** The list as a client reads it: the first page, then every Link it is given, until there is none. */
async function walk(api: TestApi, first: string, authorization: string | null, idOf: (item: Record<string, unknown>) => string = (item) => String(item.id)): Promise<Walk> {
  const result: Walk = { ids: [], pageSizes: [], links: [] };
  for (let path: string | null = first; path; ) {
    const call = request(api.http).get(path);
    const response = await (authorization ? call.set('Authorization', authorization) : call);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    expect(Array.isArray(response.body)).toBe(true);
    result.ids.push(...response.body.map(idOf));
    result.pageSizes.push(response.body.length);
    const link = response.headers.link as string | undefined;
    path = link ? LINK_NEXT.exec(link)![1] : null;
    if (path) result.links.push(path);
    expect(result.pageSizes.length).toBeLessThan(200);
  }
  return result;
}

/** What the api sent to PostgreSQL to answer one GET. */
async function statementsOf(api: TestApi, counter: QueryCounter, path: string, authorization: string): Promise<string[]> {
  return counter.during(() => request(api.http).get(path).set('Authorization', authorization).expect(200));
}

function expectBadRequest(response: request.Response, field: string): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(response.body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field, message: expect.any(String) })] });
}

/** The refusals every list gives for a limit out of range or a cursor it did not hand out. */
async function expectRefusals(api: TestApi, path: string, authorization: string, foreignCursor: string): Promise<void> {
  const get = (query: string) => request(api.http).get(`${path}${path.includes('?') ? '&' : '?'}${query}`).set('Authorization', authorization);
  for (const limit of ['0', '201', '-1', '1.5', 'ten', '', '1e2']) expectBadRequest(await get(`limit=${limit}`), 'limit');
  expectBadRequest(await get('limit=5&limit=6'), 'limit');
  const notJson = Buffer.from('no json here').toString('base64url');
  const wrongShape = Buffer.from(JSON.stringify(['rounds', 'yesterday', 'me'])).toString('base64url');
  for (const cursor of ['%%%', 'not a cursor', notJson, wrongShape, foreignCursor, 'x'.repeat(1200), '']) {
    expectBadRequest(await get(`cursor=${encodeURIComponent(cursor)}`), 'cursor');
  }
  expectBadRequest(await get(`cursor=${foreignCursor}&cursor=${foreignCursor}`), 'cursor');
}

const cursorOf = (link: string) => new URL(link, 'http://x').searchParams.get('cursor')!;

/** A trip's text with its parameters' literals (and NULLs) taken out: the statements it sends, whatever they were given. */
const withoutLiterals = (trip: string) => trip.replace(/E?'(?:[^']|'')*'|\bNULL\b/g, '?');

/**
 * Copies of a launched round, written straight to the tables: `count` rounds with its electorate
 * and allocation, their launch instants in groups of three that tie and otherwise 7 µs apart
 * (one millisecond holds many: a cursor of milliseconds would lose rows). Every fourth leaves
 * Malvik (5031) out of its electorate.
 */
async function copyRound(api: TestApi, source: string, count: number, options: { status?: string; isPublic?: boolean; titlePrefix?: string } = {}): Promise<void> {
  await api.dataSource.query(
    `WITH made AS (
       INSERT INTO round (council_id, title, subject_type, agreement_version_id, fee_total_ore, cost_key, fee_effective_from, round_to,
                          decision_rule, deadline, reminder_days_before, expires_automatically, status, status_reason, launched_by,
                          launched_at, closed_at, lock_version, is_public)
       SELECT r.council_id, $4::text || ' #' || n || CASE WHEN n % 4 = 0 THEN ' (uten Malvik)' ELSE '' END, r.subject_type,
              r.agreement_version_id, r.fee_total_ore, r.cost_key, r.fee_effective_from + make_interval(years => 200 + n + $6::int), r.round_to,
              r.decision_rule, r.deadline, r.reminder_days_before, r.expires_automatically, $3::text, NULL, r.launched_by,
              r.launched_at - (n / 3) * interval '7 microseconds', CASE WHEN $3::text = 'open' THEN NULL ELSE r.launched_at END, 1, $5::boolean
         FROM round r, generate_series(1, $2::int) n
        WHERE r.id = $1
       RETURNING id, title),
     members AS (
       INSERT INTO round_member (round_id, municipality_number, name)
       SELECT made.id, rm.municipality_number, rm.name
         FROM made JOIN round_member rm ON rm.round_id = $1
        WHERE NOT (made.title LIKE '%(uten Malvik)' AND rm.municipality_number = '5031'))
     INSERT INTO round_allocation_line (round_id, municipality_number, weight, current_fee_ore, new_fee_ore, change_ore)
     SELECT made.id, a.municipality_number, a.weight, a.current_fee_ore, a.new_fee_ore, a.change_ore
       FROM made JOIN round_allocation_line a ON a.round_id = $1`,
    [source, count, options.status ?? 'approved', options.titlePrefix ?? 'Kopi', options.isPublic ?? false, copies++ * 1000],
  );
}
let copies = 0;

describe('lists in pages', () => {
  let api: TestApi;
  let counter: QueryCounter;
  let secretariat: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: '2022-10-01T10:00:00+02:00' });
    counter = countQueries(api.dataSource);
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    admin = `Bearer ${await adminToken()}`;
  });

  afterAll(async () => {
    counter?.detach();
    await api?.close();
  });

  describe('GET /api/councils/{slug}/rounds', () => {
    const path = `/api/councils/${COUNCIL}/rounds`;
    let foreignCursor: string;
    let three: { first: string[]; round: string[] };
    let firstRound: string;

    const newestFirst = async (where = 'TRUE') =>
      (
        await api.dataSource.query(
          `SELECT r.id FROM round r JOIN council c ON c.id = r.council_id WHERE c.slug = $1 AND ${where} ORDER BY r.launched_at DESC, r.id DESC`,
          [COUNCIL],
        )
      ).map((row: { id: string }) => row.id);

    beforeAll(async () => {
      // Three rounds launched at the same instant: only the id tells them apart.
      const first = await launchFeeRound(api, { public: true });
      await launchFeeRound(api, { subject: { type: 'fees', total: '11000000.00', costKey: 'fees-2022', effectiveFrom: '2024-01-01' } });
      await launchFeeRound(api, { subject: { type: 'fees', total: '12000000.00', costKey: 'fees-2022', effectiveFrom: '2025-01-01' } });
      await register(api, first.id, '5001', decision('adopted', '2022-09-29', { body: 'bystyre' }));
      // Signing in is remembered on the first request of a token; the measure starts after it.
      await request(api.http).get(path).set('Authorization', secretariat).expect(200);
      firstRound = first.id;
      three = { first: await statementsOf(api, counter, path, secretariat), round: await statementsOf(api, counter, `/api/rounds/${first.id}`, secretariat) };
      await copyRound(api, first.id, 117);
      foreignCursor = Buffer.from(JSON.stringify(['notices', '2022-10-01T08:00:00.000000Z', first.id])).toString('base64url');
    });

    it('gives every round once, newest launch first, however the pages are cut', async () => {
      const expected = await newestFirst();
      expect(expected).toHaveLength(120);
      const bySeven = await walk(api, `${path}?limit=7`, secretariat);
      expect(bySeven.ids).toEqual(expected);
      expect(bySeven.pageSizes).toEqual([...Array(17).fill(7), 1]);
      expect(bySeven.links.every((link) => link.startsWith(`${path}?limit=7&cursor=`))).toBe(true);
      const byDefault = await walk(api, path, secretariat);
      expect(byDefault.ids).toEqual(expected);
      expect(byDefault.pageSizes).toEqual([50, 50, 20]);
      const byMost = await walk(api, `${path}?limit=200`, secretariat);
      expect(byMost).toEqual({ ids: expected, pageSizes: [120], links: [] });
    });

    it('answers each page with round summaries: the fields of GET /api/rounds/{id}, its progress counted alike, without its members', async () => {
      const SUMMARY = ['id', 'council', 'title', 'subject', 'status', 'statusReason', 'decisionRule', 'deadline', 'public', 'launchedAt', 'progress', 'outcome'];
      const closedAt = new Map<string, string | null>(
        (await api.dataSource.query(`SELECT id, closed_at FROM round`)).map((row: { id: string; closed_at: Date | null }) => [row.id, row.closed_at?.toISOString() ?? null]),
      );
      const compare = async () => {
        const page = (await request(api.http).get(`${path}?limit=200`).set('Authorization', secretariat).expect(200)).body as Array<Record<string, unknown>>;
        expect(page).toHaveLength(120);
        // The open rounds, and a few of the copies: settled, their allocations and electorates as the original's.
        for (const summary of [...page.filter((item) => item.status === 'open'), ...page.slice(-3)]) {
          const round = (await request(api.http).get(`/api/rounds/${summary.id}`).set('Authorization', secretariat).expect(200)).body;
          expect(Object.keys(summary).sort()).toEqual([...SUMMARY, 'closedAt'].sort());
          expect(summary).toEqual({ ...Object.fromEntries(SUMMARY.map((field) => [field, round[field]])), closedAt: closedAt.get(String(summary.id)) });
        }
        return page;
      };
      const before = await compare();
      expect(before.find((item) => item.id === firstRound)).toMatchObject({ status: 'open', closedAt: null, progress: { adopted: 1, overdue: 0, total: 8 } });
      expect(before[before.length - 1]).toMatchObject({ status: 'approved', closedAt: expect.any(String), outcome: null });
      // Past the deadline (2022-12-15, 23:59:59 in Oslo) the undecided members of the open rounds are overdue, counted as the round counts them.
      api.clock.set('2022-12-16T00:00:00+01:00');
      try {
        const after = await compare();
        expect(after.find((item) => item.id === firstRound)).toMatchObject({ progress: { adopted: 1, overdue: 7, total: 8 } });
        expect(after.filter((item) => item.status !== 'open').every((item) => (item.progress as { overdue: number }).overdue === 0)).toBe(true);
      } finally {
        api.clock.set('2022-10-01T10:00:00+02:00');
      }
    });

    it('keeps the filters in the next link: only the status asked for, on every page', async () => {
      const expected = await newestFirst(`r.status = 'open'`);
      const open = await walk(api, `${path}?status=open&limit=2`, secretariat);
      expect(open.ids).toEqual(expected);
      expect(open.links.every((link) => /\?status=open&limit=2&cursor=/.test(link))).toBe(true);
      const approved = await walk(api, `${path}?status=approved&limit=50`, secretariat);
      expect(approved.ids).toEqual(await newestFirst(`r.status = 'approved'`));
      expect(approved.pageSizes).toEqual([50, 50, 17]);
    });

    it('shows a clerk, page after page, only the rounds their municipality is in; a leader sees them all', async () => {
      const malvik = await walk(api, `${path}?limit=9`, `Bearer ${await clerkToken('5031')}`);
      const withMalvik = await newestFirst(`EXISTS (SELECT 1 FROM round_member rm WHERE rm.round_id = r.id AND rm.municipality_number = '5031')`);
      expect(withMalvik).toHaveLength(120 - 29);
      expect(malvik.ids).toEqual(withMalvik);
      const leader = await walk(api, `${path}?limit=60`, `Bearer ${await leaderToken(COUNCIL)}`);
      expect(leader.ids).toEqual(await newestFirst());
      // A clerk of a municipality outside the council does not learn it exists, with or without a cursor.
      const cursor = cursorOf(malvik.links[0]);
      for (const query of ['', `?cursor=${cursor}`]) {
        const response = await request(api.http).get(`${path}${query}`).set('Authorization', `Bearer ${await clerkToken('5053')}`);
        expect(response.status).toBe(404);
      }
    });

    it('costs one round trip for a page of 120 rounds as for 3, first page or later', async () => {
      const page = await walk(api, `${path}?limit=50`, secretariat);
      const first = await statementsOf(api, counter, path, secretariat);
      const later = await statementsOf(api, counter, page.links[1], secretariat);
      const most = await statementsOf(api, counter, `${path}?limit=200`, secretariat);
      // BEGIN, the access check, the page with its summaries, COMMIT: one string, one trip.
      for (const trips of [three.first, first, later, most]) expect(trips).toEqual([expect.stringMatching(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;[^]*;\nCOMMIT$/)]);
      expect(withoutLiterals(first[0])).toEqual(withoutLiterals(three.first[0]));
      expect(withoutLiterals(later[0])).toEqual(withoutLiterals(three.first[0]));
    });

    it('costs one round trip for one round, GET /api/rounds/{id}, whatever the council’s history', async () => {
      const now = await statementsOf(api, counter, `/api/rounds/${firstRound}`, secretariat);
      expect(now).toEqual(three.round);
      expect(now).toEqual([expect.stringMatching(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;[^]*;\nCOMMIT$/)]);
    });

    it('refuses a limit out of 1–200 and a cursor it did not hand out with 400, naming the field', async () => {
      await expectRefusals(api, path, secretariat, foreignCursor);
    });
  });

  describe('GET /api/rounds/{id}/events', () => {
    let round: string;
    let three: string[];
    let path: string;

    beforeAll(async () => {
      round = (await launchFeeRound(api, { subject: { type: 'fees', total: '13000000.00', costKey: 'fees-2022', effectiveFrom: '2026-01-01' } })).id;
      path = `/api/rounds/${round}/events`;
      await register(api, round, '5001', decision('scheduled', '2022-11-10'));
      await register(api, round, '5028', decision('scheduled', '2022-11-10'));
      await request(api.http).get(path).set('Authorization', secretariat).expect(200);
      three = await statementsOf(api, counter, path, secretariat);
      const [{ council_id: councilId }] = await api.dataSource.query(`SELECT council_id FROM round WHERE id = $1`, [round]);
      await api.dataSource.transaction(async (manager: EntityManager) => {
        for (let i = 0; i < 117; i++) {
          await appendEvent(manager, {
            type: 'decision.corrected',
            actor: i % 2 ? 'sekretariat.trondheimsregionen' : 'system',
            councilId,
            roundId: round,
            at: api.clock.now(),
            data: { municipalityNumber: '5001', revision: i + 2, reason: `Retting ${i}` },
          });
        }
      });
    });

    it('gives the whole trail once, oldest first, with the names of those who acted', async () => {
      const expected = (await api.dataSource.query(`SELECT e.id::text AS id FROM event e WHERE e.round_id = $1 ORDER BY e.id`, [round])).map((row: { id: string }) => row.id);
      expect(expected).toHaveLength(120);
      const trail = await walk(api, `${path}?limit=11`, secretariat);
      expect(trail.ids).toEqual(expected);
      expect((await walk(api, path, secretariat)).pageSizes).toEqual([50, 50, 20]);
      const [last] = (await request(api.http).get(`${path}?limit=1&cursor=${cursorOf(trail.links[trail.links.length - 1])}`).set('Authorization', secretariat)).body;
      expect(last).toMatchObject({ type: 'decision.corrected', actorName: expect.any(String) });
    });

    it('costs the same queries for a page of 120 events as for 3', async () => {
      const { links } = await walk(api, path, secretariat);
      expect(await statementsOf(api, counter, path, secretariat)).toEqual(three);
      expect(await statementsOf(api, counter, links[0], secretariat)).toEqual(three);
      expect(await statementsOf(api, counter, links[1], secretariat)).toEqual(three);
    });

    it('refuses a bad limit or cursor with 400, and shows nobody a trail they may not see', async () => {
      const foreign = Buffer.from(JSON.stringify(['rounds', '2022-10-01T08:00:00.000000Z', round])).toString('base64url');
      await expectRefusals(api, path, secretariat, foreign);
      const { links } = await walk(api, path, secretariat);
      expect((await request(api.http).get(links[0]).set('Authorization', `Bearer ${await clerkToken('5053')}`)).status).toBe(404);
    });
  });

  describe('GET /api/me/notifications', () => {
    const path = '/api/me/notifications';
    let clerk: string;
    let three: string[];
    let userId: string;

    beforeAll(async () => {
      clerk = `Bearer ${await clerkToken('5059')}`;
      await request(api.http).get(path).set('Authorization', clerk).expect(200);
      [{ id: userId }] = await api.dataSource.query(`SELECT id FROM app_user WHERE subject = 'clerk.5059'`);
      await api.dataSource.query(`DELETE FROM notification WHERE user_id = $1`, [userId]);
      const [{ id: councilId }] = await api.dataSource.query(`SELECT id FROM council WHERE slug = $1`, [COUNCIL]);
      const notifier = api.app.get(Notifier);
      let made = 0;
      const notify = (count: number) =>
        api.dataSource.transaction((manager: EntityManager) =>
          notifier.notify(
            manager,
            Array.from({ length: count }, () => ({
              key: `paging/${++made}/clerk.5059`,
              userId,
              councilId,
              roundId: null,
              link: null,
              content: { kind: 'veto' as const, roundTitle: `Runde ${made}`, councilName: 'Trondheimsregionen', vetoMunicipalityName: 'Skaun' },
            })),
          ),
        );
      await notify(3);
      three = await statementsOf(api, counter, path, clerk);
      // Forty notices to each of three instants; the inbox breaks the ties by id.
      await notify(37);
      api.clock.set('2022-10-02T10:00:00+02:00');
      await notify(40);
      api.clock.set('2022-10-03T10:00:00+02:00');
      await notify(40);
      await api.dataSource.query(`UPDATE notification SET read_at = created_at WHERE id IN (SELECT id FROM notification WHERE user_id = $1 ORDER BY key LIMIT 45)`, [userId]);
    });

    afterAll(() => api.clock.set('2022-10-01T10:00:00+02:00'));

    const newestFirst = async (where = 'TRUE') =>
      (await api.dataSource.query(`SELECT id FROM notification WHERE user_id = $1 AND ${where} ORDER BY created_at DESC, id DESC`, [userId])).map(
        (row: { id: string }) => row.id,
      );

    it('gives every notice once, newest first, and the unread ones alone when asked, on every page', async () => {
      const expected = await newestFirst();
      expect(expected).toHaveLength(120);
      expect((await walk(api, `${path}?limit=13`, clerk)).ids).toEqual(expected);
      expect((await walk(api, path, clerk)).pageSizes).toEqual([50, 50, 20]);
      const unread = await walk(api, `${path}?unread=true&limit=30`, clerk);
      expect(unread.ids).toEqual(await newestFirst('read_at IS NULL'));
      expect(unread.ids.length).toBeLessThan(120);
      expect(unread.links.every((link) => link.startsWith(`${path}?unread=true&limit=30&cursor=`))).toBe(true);
    });

    it('costs the same queries for a page of 120 notices as for 3', async () => {
      const { links } = await walk(api, path, clerk);
      expect(await statementsOf(api, counter, path, clerk)).toEqual(three);
      expect(await statementsOf(api, counter, links[1], clerk)).toEqual(three);
    });

    it('refuses a bad limit or cursor with 400, and a cursor shows nobody else’s notices', async () => {
      const { links } = await walk(api, `${path}?limit=100`, clerk);
      await expectRefusals(api, path, clerk, cursorOf((await walk(api, `/api/councils/${COUNCIL}/rounds?limit=100`, secretariat)).links[0]));
      const other = await request(api.http).get(links[0]).set('Authorization', `Bearer ${await clerkToken('5054')}`).expect(200);
      expect((await newestFirst()).some((id: string) => other.body.some((notice: { id: string }) => notice.id === id))).toBe(false);
    });
  });

  describe('GET /api/me/calendar-feeds', () => {
    const path = '/api/me/calendar-feeds';
    let leader: string;
    let three: string[];

    const issue = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await request(api.http).post(path).set('Authorization', leader).send({ scope: 'council', council: COUNCIL }).expect(201);
      }
    };

    beforeAll(async () => {
      leader = `Bearer ${await leaderToken(COUNCIL)}`;
      await issue(3);
      three = await statementsOf(api, counter, path, leader);
      await issue(117);
      // One revoked feed is not listed.
      const [{ id }] = (await request(api.http).get(`${path}?limit=1`).set('Authorization', leader)).body;
      await request(api.http).delete(`${path}/${id}`).set('Authorization', leader).expect(204);
    });

    it('gives every feed not revoked once, newest first', async () => {
      const expected = (
        await api.dataSource.query(
          `SELECT f.id FROM calendar_feed f JOIN app_user u ON u.id = f.user_id WHERE u.subject = 'leder.trondheimsregionen' AND f.revoked_at IS NULL
            ORDER BY f.created_at DESC, f.id DESC`,
        )
      ).map((row: { id: string }) => row.id);
      expect(expected).toHaveLength(119);
      expect((await walk(api, `${path}?limit=8`, leader)).ids).toEqual(expected);
      expect((await walk(api, path, leader)).pageSizes).toEqual([50, 50, 19]);
    });

    it('costs the same queries for a page of 120 feeds as for 3, and refuses a bad limit or cursor with 400', async () => {
      const { links } = await walk(api, path, leader);
      expect(await statementsOf(api, counter, path, leader)).toEqual(three);
      expect(await statementsOf(api, counter, links[1], leader)).toEqual(three);
      await expectRefusals(api, path, leader, Buffer.from(JSON.stringify(['councils', 'A', 'b'])).toString('base64url'));
    });
  });

  describe('GET /api/councils', () => {
    const path = '/api/councils';
    let three: string[];

    beforeAll(async () => {
      await api.dataSource.query(`INSERT INTO council (slug, name) VALUES ('forste-rad', 'Første råd'), ('andre-rad', 'Andre råd')`);
      await request(api.http).get(path).set('Authorization', admin).expect(200);
      three = await statementsOf(api, counter, path, admin);
      // Names that tie: the slug orders them.
      await api.dataSource.query(`INSERT INTO council (slug, name) SELECT 'rad-' || n, 'Råd nr. ' || (n % 10) FROM generate_series(1, 117) n`);
    });

    it('gives every council once, by name, to the admin; others see theirs only', async () => {
      const expected = (await api.dataSource.query(`SELECT slug FROM council ORDER BY name, slug`)).map((row: { slug: string }) => row.slug);
      expect(expected).toHaveLength(120);
      const slugOf = (council: Record<string, unknown>) => String(council.slug);
      expect((await walk(api, `${path}?limit=6`, admin, slugOf)).ids).toEqual(expected);
      expect((await walk(api, path, admin, slugOf)).pageSizes).toEqual([50, 50, 20]);
      expect((await walk(api, `${path}?limit=1`, secretariat, slugOf)).ids).toEqual([COUNCIL]);
    });

    it('costs the same queries for a page of 120 councils as for 3, and refuses a bad limit or cursor with 400', async () => {
      const { links } = await walk(api, path, admin, (council) => String(council.slug));
      expect(await statementsOf(api, counter, path, admin)).toEqual(three);
      expect(await statementsOf(api, counter, links[1], admin)).toEqual(three);
      await expectRefusals(api, path, admin, Buffer.from(JSON.stringify(['agreement-versions', '3'])).toString('base64url'));
    });
  });

  describe('GET /api/councils/{slug}/agreement-versions', () => {
    const path = `/api/councils/${COUNCIL}/agreement-versions`;
    let three: string[];

    const write = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        await request(api.http)
          .post(path)
          .set('Authorization', secretariat)
          .send({ title: `Utkast ${i}`, effectiveFrom: '2030-01-01', sections: [{ ref: '§ 1', heading: 'Navn', text: `Utkast ${i}.` }], minimumContent: {} })
          .expect(201);
      }
    };

    beforeAll(async () => {
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id JOIN council c ON c.id = a.council_id WHERE c.slug = $1`,
        [COUNCIL],
      );
      await write(n, Math.max(0, 3 - n));
      await request(api.http).get(path).set('Authorization', secretariat).expect(200);
      three = await statementsOf(api, counter, path, secretariat);
      await write(Math.max(n, 3), 120 - Math.max(n, 3));
    });

    it('gives every version once, oldest first, and costs the same queries for a page of 120 as for 3', async () => {
      const expected = (
        await api.dataSource.query(
          `SELECT v.id FROM agreement_version v JOIN agreement a ON a.id = v.agreement_id JOIN council c ON c.id = a.council_id WHERE c.slug = $1 ORDER BY v.number`,
          [COUNCIL],
        )
      ).map((row: { id: string }) => row.id);
      expect(expected).toHaveLength(120);
      expect((await walk(api, `${path}?limit=16`, secretariat)).ids).toEqual(expected);
      const { pageSizes, links } = await walk(api, path, secretariat);
      expect(pageSizes).toEqual([50, 50, 20]);
      expect(await statementsOf(api, counter, path, secretariat)).toEqual(three);
      expect(await statementsOf(api, counter, links[1], secretariat)).toEqual(three);
    });

    it('refuses a bad limit or cursor with 400, and stays the secretariat’s and the leaders’', async () => {
      await expectRefusals(api, path, secretariat, Buffer.from(JSON.stringify(['round-events', '3'])).toString('base64url'));
      const { links } = await walk(api, path, secretariat);
      expect((await request(api.http).get(links[0]).set('Authorization', `Bearer ${await clerkToken('5031')}`)).status).toBe(403);
    });
  });

  describe('GET /public/{slug}', () => {
    const page = (path: string) => request(api.http).get(path);
    const titlesOf = (html: string) => [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((match) => match[1]);
    const olderOf = (html: string) => /<a href="([^"]+)" rel="next">Eldre runder<\/a>/.exec(html)?.[1].replace(/&amp;/g, '&') ?? null;
    let three: string[];
    let openPublic: string[];

    async function walkPublic(): Promise<{ titles: string[][]; links: string[] }> {
      const result = { titles: [] as string[][], links: [] as string[] };
      for (let path: string | null = `/public/${COUNCIL}`; path; ) {
        const response = await page(path).expect(200);
        expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
        result.titles.push(titlesOf(response.text));
        path = olderOf(response.text);
        expect(response.headers.link).toBe(path ? `<${path}>; rel="next"` : undefined);
        if (path) result.links.push(path);
      }
      return result;
    }

    beforeAll(async () => {
      const publicRounds = (await api.dataSource.query(`SELECT id, title FROM round WHERE is_public ORDER BY launched_at DESC, id DESC`)) as Array<{ id: string; title: string }>;
      openPublic = publicRounds.map((round) => round.title);
      await page(`/public/${COUNCIL}`).expect(200);
      three = await counter.during(() => page(`/public/${COUNCIL}`).expect(200));
      const source = publicRounds[0].id;
      await copyRound(api, source, 25, { status: 'approved', isPublic: true, titlePrefix: 'Offentlig' });
      await copyRound(api, source, 5, { status: 'approved', isPublic: false, titlePrefix: 'Intern' });
    });

    it('shows the open public rounds and the ten latest closed ones, then older ones ten at a time, each once', async () => {
      const closed = (await api.dataSource.query(`SELECT title FROM round WHERE is_public AND status <> 'open' ORDER BY launched_at DESC, id DESC`)).map(
        (row: { title: string }) => row.title,
      );
      expect(closed).toHaveLength(25);
      const { titles, links } = await walkPublic();
      expect(titles).toEqual([[...openPublic, ...closed.slice(0, 10)], closed.slice(10, 20), closed.slice(20)]);
      expect(titles.flat().some((title) => title.startsWith('Intern'))).toBe(false);
      const later = await page(links[0]).expect(200);
      expect(later.text).toContain(`<a href="/public/${COUNCIL}">Til de nyeste rundene</a>`);
      expect(later.headers['cache-control']).toBe('public, max-age=30');
    });

    it('costs one round trip whatever the number of closed rounds, first page or later', async () => {
      const { links } = await walkPublic();
      const first = await counter.during(() => page(`/public/${COUNCIL}`).expect(200));
      const later = await counter.during(() => page(links[0]).expect(200));
      for (const trips of [three, first, later]) expect(trips).toEqual([expect.stringMatching(/^BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;[^]*;\nCOMMIT$/)]);
      expect(withoutLiterals(first[0])).toEqual(withoutLiterals(three[0]));
      expect(withoutLiterals(later[0])).toEqual(withoutLiterals(three[0]));
    });

    it('answers a link with a cursor it did not make with a 400 page', async () => {
      const foreign = Buffer.from(JSON.stringify(['rounds', '2022-10-01T08:00:00.000000Z', '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a'])).toString('base64url');
      for (const query of ['?cursor=', '?cursor=%3Cscript%3E', `?cursor=${foreign}`, `?cursor=${foreign}&cursor=${foreign}`]) {
        const response = await page(`/public/${COUNCIL}${query}`);
        expect({ query, status: response.status, type: response.headers['content-type'] }).toEqual({ query, status: 400, type: 'text/html; charset=utf-8' });
        expect(response.text).toContain('Ugyldig lenke');
        expect(response.text).not.toContain('<script');
        expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
      }
    });
  });
});

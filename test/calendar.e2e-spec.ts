import { createHash, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import { TestApi, startTestApi } from './support/api';
import { TEST_JWT_SECRET } from './support/config';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken, tokenFor } from './support/tokens';

const BASE_URL = 'https://vedtak.example.no';
const LAUNCHED_AT = '2022-10-01T10:00:00+02:00';
const DAY_MS = 24 * 3600 * 1000;
const at = (days: number) => new Date(new Date(LAUNCHED_AT).getTime() + days * DAY_MS).toISOString();

/** One content line of an iCalendar object, unfolded: `NAME;PARAM=V:value`. */
interface ContentLine {
  name: string;
  params: Record<string, string>;
  value: string;
}

/** A VEVENT as its properties by name (each once in what the feed writes). */
type IcsEvent = Record<string, ContentLine>;

/**
 * A small RFC 5545 reader: checks the physical form (CRLF after every line, no line over 75
 * octets, folds as CRLF + one space) and returns the VCALENDAR's own properties and its VEVENTs.
 */
function parseIcs(text: string): { calendar: Record<string, ContentLine>; events: IcsEvent[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text).not.toMatch(/[^\r]\n|\r[^\n]/);
  const physical = text.slice(0, -2).split('\r\n');
  const tooLong = physical.filter((line) => Buffer.byteLength(line, 'utf8') > 75);
  expect(tooLong).toEqual([]);
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  const calendar: Record<string, ContentLine> = {};
  const events: IcsEvent[] = [];
  let event: IcsEvent | null = null;
  const stack: string[] = [];
  for (const line of logical) {
    const colon = line.indexOf(':');
    const [name, ...params] = line.slice(0, colon).split(';');
    const content: ContentLine = {
      name,
      params: Object.fromEntries(params.map((param) => param.split('=') as [string, string])),
      value: line.slice(colon + 1),
    };
    if (name === 'BEGIN') {
      stack.push(content.value);
      if (content.value === 'VEVENT') event = {};
    } else if (name === 'END') {
      expect(stack.pop()).toBe(content.value);
      if (content.value === 'VEVENT' && event) events.push(event);
      event = null;
    } else if (event) event[name] = content;
    else if (stack.length === 1) calendar[name] = content;
  }
  expect(stack).toEqual([]);
  return { calendar, events };
}

/** A TEXT value as it reads (RFC 5545 § 3.3.11). */
const text = (line?: ContentLine) => line?.value.replace(/\\n/gi, '\n').replace(/\\([\\;,])/g, '$1');

describe('calendar feeds', () => {
  let api: TestApi;
  let roundId: string;
  let title: string;
  let secretariat: string;
  let melhus: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: LAUNCHED_AT, env: { PUBLIC_BASE_URL: BASE_URL } });
    secretariat = `Bearer ${await secretariatToken(COUNCIL)}`;
    melhus = `Bearer ${await clerkToken('5028')}`;
    ({ id: roundId, title } = (await launchFeeRound(api)) as unknown as { id: string; title: string });
    expect((await register(api, roundId, '5028', decision('scheduled', '2022-12-08'))).status).toBe(200);
    expect((await register(api, roundId, '5031', decision('scheduled', '2022-11-17'))).status).toBe(200);
  });

  afterAll(() => api?.close());

  afterEach(() => api.clock.set(LAUNCHED_AT));

  const issue = (authorization: string, body: Record<string, unknown>) =>
    request(api.http).post('/api/me/calendar-feeds').set('Authorization', authorization).send(body);

  async function issued(authorization: string, body: Record<string, unknown>): Promise<{ id: string; url: string; token: string; expiresAt: string }> {
    const response = await issue(authorization, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body;
  }

  /** What a calendar app does: GET the address as it is, with no Authorization header. */
  const fetchFeed = (url: string) => {
    const address = new URL(url);
    expect(address.origin).toBe(BASE_URL);
    return request(api.http).get(`${address.pathname}${address.search}`);
  };

  async function feedOf(url: string) {
    const response = await fetchFeed(url);
    expect({ status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ status: 200, body: undefined });
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    return { raw: response.text, ...parseIcs(response.text) };
  }

  const byUid = (events: IcsEvent[], uid: string) => events.find((event) => event.UID?.value === uid);

  it('issues the secretariat a council feed with the deadline and the scheduled meetings, as all-day events', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    expect(feed.url).toBe(`${BASE_URL}/api/councils/${COUNCIL}/calendar.ics?token=${feed.token}`);
    expect(feed.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // 90 days, on the api's clock.
    expect(feed.expiresAt).toBe('2022-12-30T08:00:00.000Z');

    const { calendar, events } = await feedOf(feed.url);
    expect(calendar.VERSION.value).toBe('2.0');
    expect(calendar.PRODID.value).toMatch(/vedtaksrunde/);
    expect(text(calendar['X-WR-CALNAME'])).toBe('Trondheimsregionen: frister og kommunestyremøter');

    const deadline = byUid(events, `deadline-${roundId}@vedtaksrunde`)!;
    expect(deadline.DTSTART).toEqual({ name: 'DTSTART', params: { VALUE: 'DATE' }, value: '20221215' });
    expect(deadline.DTEND).toEqual({ name: 'DTEND', params: { VALUE: 'DATE' }, value: '20221216' });
    expect(deadline.DTSTAMP.value).toMatch(/^\d{8}T\d{6}Z$/);
    expect(deadline['LAST-MODIFIED'].value).toBe(deadline.DTSTAMP.value);
    expect(text(deadline.SUMMARY)).toBe(`Frist: ${title}`);
    expect(text(deadline.DESCRIPTION)).toContain('0 av 8 har vedtatt');
    expect(text(deadline.DESCRIPTION)).toContain(`${BASE_URL}/app/rounds/${roundId}`);
    expect(text(deadline.DESCRIPTION)).toContain('Siste planlagte kommunestyremøte: 08.12.2022');
    expect(deadline.URL.value).toBe(`${BASE_URL}/app/rounds/${roundId}`);

    const meeting = byUid(events, `meeting-${roundId}-5028@vedtaksrunde`)!;
    expect(meeting.DTSTART).toEqual({ name: 'DTSTART', params: { VALUE: 'DATE' }, value: '20221208' });
    expect(text(meeting.SUMMARY)).toBe(`Kommunestyret i Melhus behandler: ${title}`);
    expect(byUid(events, `meeting-${roundId}-5031@vedtaksrunde`)?.DTSTART.value).toBe('20221117');
    // Only the open round's deadline and the two members with a meeting date.
    expect(events).toHaveLength(3);
  });

  it('writes lines as RFC 5545 wants them: CRLF, folded at 75 octets (counting ø as two)', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    const { raw } = await feedOf(feed.url);
    expect(raw.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(raw.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // The meeting's summary is longer than one line: it is folded, and unfolds to itself (parseIcs checked the lengths).
    expect(raw).toMatch(/\r\n [^\r\n]/);
  });

  it('gives the clerk of Melhus its own feed: its meeting and the deadline, not the other members’ meetings', async () => {
    const feed = await issued(melhus, { scope: 'municipality', municipality: '5028' });
    expect(feed.url).toBe(`${BASE_URL}/api/municipalities/5028/calendar.ics?token=${feed.token}`);
    const { calendar, events } = await feedOf(feed.url);
    expect(text(calendar['X-WR-CALNAME'])).toBe('Melhus: frister og kommunestyremøter');
    expect(events.map((event) => event.UID.value).sort()).toEqual([`deadline-${roundId}@vedtaksrunde`, `meeting-${roundId}-5028@vedtaksrunde`]);
    expect(byUid(events, `meeting-${roundId}-5028@vedtaksrunde`)!.DTSTART.value).toBe('20221208');
    expect(byUid(events, `deadline-${roundId}@vedtaksrunde`)!.DTSTART.value).toBe('20221215');
  });

  it('keeps the UIDs from one fetch to the next, and moves a meeting rather than adding one when it is rescheduled', async () => {
    const feed = await issued(melhus, { scope: 'municipality', municipality: '5028' });
    const first = await feedOf(feed.url);
    api.clock.set('2022-10-02T10:00:00+02:00');
    const second = await feedOf(feed.url);
    expect(second.events.map((event) => event.UID.value)).toEqual(first.events.map((event) => event.UID.value));
    // Nothing changed, so nothing differs, DTSTAMP included: a calendar app polling with If-None-Match gets 304.
    expect(second.raw).toBe(first.raw);
    const etag = (await fetchFeed(feed.url)).headers.etag;
    expect((await fetchFeed(feed.url).set('If-None-Match', etag)).status).toBe(304);

    expect((await register(api, roundId, '5028', decision('scheduled', '2022-12-01'))).status).toBe(200);
    const third = await feedOf(feed.url);
    expect(third.events.map((event) => event.UID.value).sort()).toEqual(first.events.map((event) => event.UID.value).sort());
    const before = byUid(first.events, `meeting-${roundId}-5028@vedtaksrunde`)!;
    const after = byUid(third.events, `meeting-${roundId}-5028@vedtaksrunde`)!;
    expect(after.DTSTART.value).toBe('20221201');
    expect(Number(after.SEQUENCE.value)).toBeGreaterThan(Number(before.SEQUENCE.value));
    expect(after.DTSTAMP.value >= before.DTSTAMP.value).toBe(true);
    expect(third.raw).not.toBe(first.raw);
    expect((await register(api, roundId, '5028', decision('scheduled', '2022-12-08'))).status).toBe(200);
  });

  it('issues feeds only for what the caller may see', async () => {
    expect((await issue(melhus, { scope: 'municipality', municipality: '5031' })).status).toBe(403);
    expect((await issue(melhus, { scope: 'municipality', municipality: '9999' })).status).toBe(404);
    expect((await issue(`Bearer ${await clerkToken('3201')}`, { scope: 'council', council: COUNCIL })).status).toBe(404);
    expect((await issue(melhus, { scope: 'council', council: 'no-such-council' })).status).toBe(404);
    // The staff of a council it belongs to, and the admin, may follow a municipality.
    await issued(`Bearer ${await leaderToken(COUNCIL)}`, { scope: 'municipality', municipality: '5028' });
    await issued(`Bearer ${await adminToken()}`, { scope: 'municipality', municipality: '5028' });
    expect((await issue(`Bearer ${await leaderToken('innherred')}`, { scope: 'municipality', municipality: '5028' })).status).toBe(403);
    // And a clerk may follow the councils their municipality is in.
    await issued(melhus, { scope: 'council', council: COUNCIL });
  });

  it('refuses a body that does not say which feed, as 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'scope'],
      [{ scope: 'round' }, 'scope'],
      [{ scope: 'council' }, 'council'],
      [{ scope: 'council', council: 'Trondheim Regionen' }, 'council'],
      [{ scope: 'municipality', municipality: 5028 }, 'municipality'],
      [{ scope: 'council', council: COUNCIL, municipality: '5028' }, 'municipality'],
      [{ scope: 'council', council: COUNCIL, expiresAt: '2030-01-01' }, 'expiresAt'],
    ];
    for (const [body, field] of cases) {
      const response = await issue(secretariat, body);
      expect({ body, status: response.status, type: response.headers['content-type'] }).toEqual({
        body,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('needs a bearer token to issue a feed', async () => {
    expect((await request(api.http).post('/api/me/calendar-feeds').send({ scope: 'council', council: COUNCIL })).status).toBe(401);
  });

  it('does not take a feed token as a bearer token, nor a bearer token as a feed token', async () => {
    const feed = await issued(`Bearer ${await adminToken()}`, { scope: 'council', council: COUNCIL });
    const asBearer = await request(api.http).get('/api/councils').set('Authorization', `Bearer ${feed.token}`);
    expect(asBearer.status).toBe(401);
    expect(asBearer.body).toMatchObject({ type: '/problems/invalid-token' });

    const bearer = await adminToken();
    const asFeed = await request(api.http).get(`/api/councils/${COUNCIL}/calendar.ics?token=${bearer}`);
    expect(asFeed.status).toBe(401);
    expect(asFeed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(asFeed.body).toMatchObject({ status: 401, type: '/problems/invalid-token', reason: 'malformed token' });
    // The token is not echoed back in the problem (nor logged with it).
    expect(asFeed.body.instance).toBe(`/api/councils/${COUNCIL}/calendar.ics?token=[redacted]`);
    expect(asFeed.text).not.toContain(bearer);
  });

  it('answers 401 problem+json without a token, with garbage, with one never issued, and to the signed feed tokens of old', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    const path = `/api/councils/${COUNCIL}/calendar.ics`;
    const neverIssued = randomBytes(32).toString('base64url');
    // A feed token as it was signed before feeds could be revoked: a year long, on the same secret.
    const ofOld = await new SignJWT({ roles: [{ role: 'admin' }], scope: `council:${COUNCIL}` })
      .setProtectedHeader({ alg: 'HS256', typ: 'vedtaksrunde-calendar+jwt' })
      .setSubject('sekretariat.trondheimsregionen')
      .setIssuer('vedtaksrunde')
      .setAudience('vedtaksrunde-calendar')
      .setIssuedAt(new Date(LAUNCHED_AT))
      .setExpirationTime('365d')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const cases: Array<[string, string | undefined]> = [
      ['', undefined],
      ['?token=', undefined],
      ['?token=garbage', 'malformed token'],
      [`?token=${neverIssued}`, 'unknown token'],
      [`?token=${ofOld}`, 'malformed token'],
      [`?token=${feed.token}&token=${feed.token}`, undefined],
    ];
    for (const [query, reason] of cases) {
      const response = await request(api.http).get(`${path}${query}`);
      expect({ query, status: response.status, type: response.headers['content-type'], reason: response.body.reason }).toEqual({
        query,
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
        reason,
      });
      expect(response.headers['www-authenticate']).toBeUndefined();
    }
  });

  it('stores the token only as its SHA-256, with its first characters to tell it by', async () => {
    const feed = await issued(melhus, { scope: 'municipality', municipality: '5028' });
    const [row] = await api.dataSource.query(`SELECT token_hash, token_prefix, row_to_json(f)::text AS everything FROM calendar_feed f WHERE id = $1`, [feed.id]);
    expect(Buffer.from(row.token_hash).equals(createHash('sha256').update(feed.token).digest())).toBe(true);
    expect(row.token_prefix).toBe(feed.token.slice(0, 6));
    expect(row.everything).not.toContain(feed.token);
    expect(row.everything).not.toContain(feed.token.slice(6, 20));
    const [{ holders }] = await api.dataSource.query(
      `SELECT count(*)::int AS holders FROM calendar_feed f JOIN app_user u ON u.id = f.user_id WHERE f.id = $1 AND u.subject = 'clerk.5028'`,
      [feed.id],
    );
    expect(holders).toBe(1);
  });

  it('lives 90 days unless asked for fewer; more is refused with 422', async () => {
    const fewer = await issued(melhus, { scope: 'municipality', municipality: '5028', expiresInDays: 30 });
    expect(fewer.expiresAt).toBe(at(30));
    expect((await issued(melhus, { scope: 'municipality', municipality: '5028', expiresInDays: 90 })).expiresAt).toBe(at(90));

    const longer = await issue(melhus, { scope: 'municipality', municipality: '5028', expiresInDays: 91 });
    expect(longer.status).toBe(422);
    expect(longer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(longer.body).toMatchObject({ code: 'CALENDAR_FEED.LIFETIME_TOO_LONG', errors: [{ field: 'expiresInDays' }] });
    for (const expiresInDays of [0, -1, 1.5, '30']) {
      const response = await issue(melhus, { scope: 'municipality', municipality: '5028', expiresInDays });
      expect({ expiresInDays, status: response.status, fields: [...new Set(response.body.errors?.map((error: { field: string }) => error.field))] }).toEqual({
        expiresInDays,
        status: 400,
        fields: ['expiresInDays'],
      });
    }

    // The 30 days are counted on the api's clock and end the feed then.
    api.clock.set(at(29.9));
    expect((await fetchFeed(fewer.url)).status).toBe(200);
    api.clock.set(at(30));
    const expired = await fetchFeed(fewer.url);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ type: '/problems/invalid-token', reason: 'expired' });
    expect(expired.text).not.toContain(fewer.token);
  });

  it('expires after 90 days on the api’s clock', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    api.clock.set(at(89));
    expect((await fetchFeed(feed.url)).status).toBe(200);
    api.clock.set(at(91));
    expect((await fetchFeed(feed.url)).body).toMatchObject({ status: 401, type: '/problems/invalid-token', reason: 'expired' });
  });

  it('lists the holder’s own feeds without their tokens, with when each was last fetched', async () => {
    const hilde = `Bearer ${await tokenFor({ sub: 'hilde.feeds', roles: [{ role: 'clerk', municipality: '5028' }] })}`;
    const first = await issued(hilde, { scope: 'municipality', municipality: '5028', expiresInDays: 10 });
    api.clock.set(at(1));
    const second = await issued(hilde, { scope: 'council', council: COUNCIL });
    await issued(melhus, { scope: 'council', council: COUNCIL });
    expect((await fetchFeed(first.url)).status).toBe(200);

    const listed = await request(api.http).get('/api/me/calendar-feeds').set('Authorization', hilde);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        id: second.id,
        scope: 'council',
        council: COUNCIL,
        municipality: null,
        name: 'Trondheimsregionen',
        tokenPrefix: second.token.slice(0, 6),
        createdAt: at(1),
        expiresAt: at(91),
        lastUsedAt: null,
        expired: false,
      },
      {
        id: first.id,
        scope: 'municipality',
        council: null,
        municipality: '5028',
        name: 'Melhus',
        tokenPrefix: first.token.slice(0, 6),
        createdAt: at(0),
        expiresAt: at(10),
        lastUsedAt: at(1),
        expired: false,
      },
    ]);
    expect(listed.text).not.toContain(first.token);
    expect(listed.text).not.toContain(second.token);
    expect((await request(api.http).get('/api/me/calendar-feeds?limit=1').set('Authorization', hilde)).body.map((feed: { id: string }) => feed.id)).toEqual([second.id]);
    expect((await request(api.http).get('/api/me/calendar-feeds?limit=0').set('Authorization', hilde)).status).toBe(400);

    api.clock.set(at(11));
    const later = await request(api.http).get('/api/me/calendar-feeds').set('Authorization', hilde);
    expect(later.body.map((feed: { id: string; expired: boolean }) => [feed.id, feed.expired])).toEqual([
      [second.id, false],
      [first.id, true],
    ]);
    expect((await request(api.http).get('/api/me/calendar-feeds')).status).toBe(401);
  });

  it('revokes a feed: the next fetch is refused, revoking again is no error, and it leaves the list', async () => {
    const rolf = `Bearer ${await tokenFor({ sub: 'rolf.revokes', roles: [{ role: 'leader', council: COUNCIL }] })}`;
    const kept = await issued(rolf, { scope: 'council', council: COUNCIL });
    const revoked = await issued(rolf, { scope: 'municipality', municipality: '5028' });
    expect((await fetchFeed(revoked.url)).status).toBe(200);

    const deleted = await request(api.http).delete(`/api/me/calendar-feeds/${revoked.id}`).set('Authorization', rolf);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const refused = await fetchFeed(revoked.url);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/invalid-token', reason: 'revoked' });
    expect(refused.text).not.toContain(revoked.token);
    // A copy the calendar app holds is no way around it.
    expect((await fetchFeed(revoked.url).set('If-None-Match', '*')).status).toBe(401);

    expect((await request(api.http).delete(`/api/me/calendar-feeds/${revoked.id}`).set('Authorization', rolf)).status).toBe(204);
    const [{ revokedAt }] = await api.dataSource.query(`SELECT revoked_at AS "revokedAt" FROM calendar_feed WHERE id = $1`, [revoked.id]);
    expect(new Date(revokedAt).toISOString()).toBe(at(0));
    const listed = await request(api.http).get('/api/me/calendar-feeds').set('Authorization', rolf);
    expect(listed.body.map((feed: { id: string }) => feed.id)).toEqual([kept.id]);
    expect((await fetchFeed(kept.url)).status).toBe(200);
  });

  it('does not let anyone else revoke a feed (404), and says which id is malformed (400)', async () => {
    const feed = await issued(melhus, { scope: 'municipality', municipality: '5028' });
    // The secretariat of the council, the admin, and another clerk of the same municipality.
    const berit = `Bearer ${await tokenFor({ sub: 'berit.5028', roles: [{ role: 'clerk', municipality: '5028' }] })}`;
    for (const other of [secretariat, `Bearer ${await adminToken()}`, berit]) {
      const response = await request(api.http).delete(`/api/me/calendar-feeds/${feed.id}`).set('Authorization', other);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await fetchFeed(feed.url)).status).toBe(200);
    expect((await request(api.http).delete('/api/me/calendar-feeds/00000000-0000-4000-8000-000000000000').set('Authorization', melhus)).status).toBe(404);
    const malformed = await request(api.http).delete('/api/me/calendar-feeds/not-an-id').set('Authorization', melhus);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((error: { field: string }) => error.field)).toEqual(['id']);
    expect((await request(api.http).delete(`/api/me/calendar-feeds/${feed.id}`)).status).toBe(401);
  });

  it('checks the holder’s grants as their latest sign-in left them: a clerk who lost the role is refused', async () => {
    const asClerk = `Bearer ${await tokenFor({ sub: 'kari.moves', roles: [{ role: 'clerk', municipality: '5028' }] })}`;
    const municipality = await issued(asClerk, { scope: 'municipality', municipality: '5028' });
    const council = await issued(asClerk, { scope: 'council', council: COUNCIL });
    expect((await fetchFeed(municipality.url)).status).toBe(200);
    expect((await fetchFeed(council.url)).status).toBe(200);

    // Kari moves to Stjørdal: the identity provider's next token for her names that clerk role only.
    const moved = `Bearer ${await tokenFor({ sub: 'kari.moves', roles: [{ role: 'clerk', municipality: '5035' }] })}`;
    expect((await request(api.http).get('/api/me').set('Authorization', moved)).status).toBe(200);
    const lost = await fetchFeed(municipality.url);
    expect(lost.status).toBe(403);
    expect(lost.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(lost.text).not.toContain('BEGIN:VCALENDAR');
    // Stjørdal is a member too, so the council's feed still opens, but shows only what she may see now.
    expect((await fetchFeed(council.url)).status).toBe(200);

    const gone = `Bearer ${await tokenFor({ sub: 'kari.moves', roles: [{ role: 'clerk', municipality: '3201' }] })}`;
    expect((await request(api.http).get('/api/me').set('Authorization', gone)).status).toBe(200);
    expect((await fetchFeed(council.url)).status).toBe(404);
  });

  it('answers 304 to a calendar app that has the current copy, by ETag or by Last-Modified, and a new copy after a change', async () => {
    const feed = await issued(melhus, { scope: 'municipality', municipality: '5028' });
    const first = await fetchFeed(feed.url);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toBe('private, max-age=900');
    const lastModified = first.headers['last-modified'];
    expect(new Date(lastModified).toISOString()).toBe(new Date(LAUNCHED_AT).toISOString());

    api.clock.set(at(1));
    const byEtag = await fetchFeed(feed.url).set('If-None-Match', first.headers.etag);
    expect(byEtag.status).toBe(304);
    expect(byEtag.text).toBe('');
    expect(byEtag.headers.etag).toBe(first.headers.etag);
    expect(byEtag.headers['last-modified']).toBe(lastModified);
    expect((await fetchFeed(feed.url).set('If-Modified-Since', lastModified)).status).toBe(304);
    expect((await fetchFeed(feed.url).set('If-None-Match', '"another"')).status).toBe(200);

    // Melhus moves its meeting: the next fetch is a new copy, with a later Last-Modified.
    expect((await register(api, roundId, '5028', decision('scheduled', '2022-12-01'))).status).toBe(200);
    api.clock.set(at(2));
    const changed = await fetchFeed(feed.url).set('If-None-Match', first.headers.etag).set('If-Modified-Since', lastModified);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(new Date(changed.headers['last-modified']).toISOString()).toBe(at(2));
    expect((await fetchFeed(feed.url).set('If-Modified-Since', changed.headers['last-modified'])).status).toBe(304);
    expect((await register(api, roundId, '5028', decision('scheduled', '2022-12-08'))).status).toBe(200);
  });

  it('opens only the feed the token was issued for (404 for any other)', async () => {
    const council = await issued(secretariat, { scope: 'council', council: COUNCIL });
    const municipality = await issued(melhus, { scope: 'municipality', municipality: '5028' });
    const elsewhere = [
      `/api/municipalities/5028/calendar.ics?token=${council.token}`,
      `/api/councils/innherred/calendar.ics?token=${council.token}`,
      `/api/municipalities/5031/calendar.ics?token=${municipality.token}`,
      `/api/councils/${COUNCIL}/calendar.ics?token=${municipality.token}`,
    ];
    for (const path of elsewhere) {
      const response = await request(api.http).get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('checks again on every fetch: a clerk whose municipality has left the council no longer sees its feed', async () => {
    const malvik = `Bearer ${await clerkToken('5031')}`;
    const council = await issued(malvik, { scope: 'council', council: COUNCIL });
    expect((await feedOf(council.url)).events.length).toBeGreaterThan(0);
    await api.dataSource.query(
      `UPDATE membership SET left_on = joined_on WHERE municipality_number = '5031' AND council_id = (SELECT id FROM council WHERE slug = $1)`,
      [COUNCIL],
    );
    try {
      const gone = await fetchFeed(council.url);
      expect(gone.status).toBe(404);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await api.dataSource.query(
        `UPDATE membership SET left_on = NULL WHERE municipality_number = '5031' AND council_id = (SELECT id FROM council WHERE slug = $1)`,
        [COUNCIL],
      );
    }
  });

  it('keeps a closed round’s deadline for three months (a withdrawn one marked cancelled), without its meetings', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    const before = byUid((await feedOf(feed.url)).events, `deadline-${roundId}@vedtaksrunde`)!;
    const withdrawn = await request(api.http)
      .post(`/api/rounds/${roundId}/withdraw`)
      .set('Authorization', secretariat)
      .send({ reason: 'Nye rammer' });
    expect(withdrawn.status).toBe(200);
    const { events } = await feedOf(feed.url);
    expect(events.map((event) => event.UID.value)).toEqual([`deadline-${roundId}@vedtaksrunde`]);
    const [deadline] = events;
    expect(deadline.STATUS.value).toBe('CANCELLED');
    expect(text(deadline.SUMMARY)).toBe(`Frist: ${title} (trukket)`);
    expect(text(deadline.DESCRIPTION)).toContain('Runden er trukket 01.10.2022: Nye rammer.');
    expect(Number(deadline.SEQUENCE.value)).toBeGreaterThan(Number(before.SEQUENCE.value));

    // Three months and a day on, it is gone from a feed issued then.
    api.clock.set('2023-01-02T10:00:00+01:00');
    const later = await issued(secretariat, { scope: 'council', council: COUNCIL });
    expect((await feedOf(later.url)).events).toEqual([]);
  });
});

import request from 'supertest';
import { signFeedToken } from '@app/identity';
import { TestApi, startTestApi } from './support/api';
import { TEST_JWT_SECRET } from './support/config';
import { COUNCIL, decision, launchFeeRound, register } from './support/round-story';
import { adminToken, clerkToken, leaderToken, secretariatToken } from './support/tokens';

const BASE_URL = 'https://vedtak.example.no';
const LAUNCHED_AT = '2022-10-01T10:00:00+02:00';

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

  async function issued(authorization: string, body: Record<string, unknown>): Promise<{ url: string; token: string; expiresAt: string }> {
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
    expect(feed.expiresAt).toBe('2023-10-01T08:00:00.000Z');

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
    expect(asBearer.body).toMatchObject({ type: '/problems/invalid-token', reason: 'wrong audience' });

    const bearer = await adminToken();
    const asFeed = await request(api.http).get(`/api/councils/${COUNCIL}/calendar.ics?token=${bearer}`);
    expect(asFeed.status).toBe(401);
    expect(asFeed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(asFeed.body).toMatchObject({ status: 401, type: '/problems/invalid-token', reason: 'wrong audience' });
    // The token is not echoed back in the problem (nor logged with it).
    expect(asFeed.body.instance).toBe(`/api/councils/${COUNCIL}/calendar.ics?token=[redacted]`);
  });

  it('answers 401 problem+json without a token, with garbage, with a forged one, and once the token has expired', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    const path = `/api/councils/${COUNCIL}/calendar.ics`;
    const forged = (await signFeedToken('another-secret-0123456789abcdef0123456789', { subject: 'x', roles: [{ role: 'admin' }] }, { type: 'council', council: COUNCIL }, { now: new Date(LAUNCHED_AT) })).token;
    for (const query of ['', '?token=', '?token=garbage', `?token=${forged}`, `?token=${feed.token}&token=${feed.token}`]) {
      const response = await request(api.http).get(`${path}${query}`);
      expect({ query, status: response.status, type: response.headers['content-type'] }).toEqual({
        query,
        status: 401,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }

    api.clock.set('2023-09-30T10:00:00+02:00');
    expect((await fetchFeed(feed.url)).status).toBe(200);
    api.clock.set('2023-10-02T10:00:00+02:00');
    const expired = await fetchFeed(feed.url);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ type: '/problems/invalid-token', reason: 'expired' });

    // One signed a year ago and more, on the same secret, is just as dead.
    const old = await signFeedToken(TEST_JWT_SECRET, { subject: 'x', roles: [{ role: 'admin' }] }, { type: 'council', council: COUNCIL }, { now: new Date('2021-06-01T00:00:00Z') });
    api.clock.set(LAUNCHED_AT);
    expect((await request(api.http).get(`${path}?token=${old.token}`)).body).toMatchObject({ status: 401, reason: 'expired' });
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
      `UPDATE membership SET left_on = '2022-10-01' WHERE municipality_number = '5031' AND council_id = (SELECT id FROM council WHERE slug = $1)`,
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

  it('leaves a round out of the feed once it is no longer open', async () => {
    const feed = await issued(secretariat, { scope: 'council', council: COUNCIL });
    const withdrawn = await request(api.http)
      .post(`/api/rounds/${roundId}/withdraw`)
      .set('Authorization', secretariat)
      .send({ reason: 'Nye rammer' });
    expect(withdrawn.status).toBe(200);
    const { events } = await feedOf(feed.url);
    expect(events).toEqual([]);
  });
});

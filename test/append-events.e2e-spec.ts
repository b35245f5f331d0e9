import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { NewEvent, appendEvent, eventHash } from '@app/application';
import { appendEvents } from '../libs/application/src/audit/append-events';
import { TestApi, startTestApi } from './support/api';
import { adminToken } from './support/tokens';

const NOW = '2030-01-09T12:00:00+01:00';

describe('appendEvents: many events on many chains in a fixed number of statements', () => {
  let api: TestApi;
  let council: string;

  beforeAll(async () => {
    api = await startTestApi({ seed: true, now: NOW });
    council = (await api.dataSource.query(`SELECT id FROM council LIMIT 1`))[0].id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const event = (councilId: string | null, n: number): NewEvent => ({
    type: 'round.overdue',
    actor: 'system',
    councilId,
    roundId: null,
    at: new Date(NOW),
    data: { n },
  });
  const chainOf = (councilId: string | null) =>
    api.dataSource.query(`SELECT id, prev_hash, hash, data FROM event WHERE council_id IS NOT DISTINCT FROM $1 ORDER BY id`, [councilId]);

  it('extends each chain in the order given, a chain without a head included, and leaves every chain whole', async () => {
    // A council with no event yet: its chain has no head.
    const fresh = randomUUID();
    await api.dataSource.query(`INSERT INTO council (id, slug, name) VALUES ($1, 'ferskt-rad', 'Ferskt råd')`, [fresh]);
    const events = [event(council, 1), event(null, 2), event(fresh, 3), event(council, 4), event(fresh, 5), event(council, 6)];
    await api.dataSource.transaction((manager) => appendEvents(manager, events));
    // And one at a time after them, as every other writer does: it extends the heads appendEvents left.
    await api.dataSource.transaction((manager) => appendEvent(manager, event(council, 7)));

    for (const [chain, expected] of [
      [council, [1, 4, 6, 7]],
      [null, [2]],
      [fresh, [3, 5]],
    ] as const) {
      const rows: Array<{ id: string; prev_hash: string | null; hash: string; data: { n: number } }> = await chainOf(chain);
      const ours = rows.filter((row) => typeof row.data.n === 'number');
      expect(ours.map((row) => row.data.n)).toEqual(expected);
      // Each event links to the one before it on its chain, and its hash is the one eventHash gives.
      for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
      for (const row of ours) {
        const previous = rows[rows.indexOf(row) - 1]?.hash ?? null;
        expect(row.hash).toBe(eventHash(previous, { type: 'round.overdue', councilId: chain, roundId: null, actor: 'system', data: { n: row.data.n }, at: new Date(NOW) }));
      }
      const [head] = await api.dataSource.query(`SELECT event_id, hash FROM event_chain_head WHERE chain = $1`, [chain ?? 'global']);
      expect(head).toEqual({ event_id: rows[rows.length - 1].id, hash: rows[rows.length - 1].hash });
    }
    const verify = await request(api.http).get('/api/audit/verify').set('Authorization', `Bearer ${await adminToken()}`).expect(200);
    expect(verify.body).toMatchObject({ intact: true, firstBrokenLink: null });
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    const before = await api.dataSource.query(`SELECT chain, event_id, hash FROM event_chain_head ORDER BY chain`);
    await expect(
      api.dataSource.transaction(async (manager) => {
        await appendEvents(manager, [event(council, 8), event(null, 9)]);
        throw new Error('the change the events record failed');
      }),
    ).rejects.toThrow('the change the events record failed');
    expect(await api.dataSource.query(`SELECT chain, event_id, hash FROM event_chain_head ORDER BY chain`)).toEqual(before);
    expect(await api.dataSource.query(`SELECT 1 FROM event WHERE data->>'n' IN ('8', '9')`)).toEqual([]);
  });
});

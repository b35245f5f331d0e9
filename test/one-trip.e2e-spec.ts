import fc from 'fast-check';
import { DataSource } from 'typeorm';
import type { PoolClient } from 'pg';
import { OneTripTransaction, readInOneTrip, sendInOneTrip, withLiterals } from '@app/persistence';
import { TestDatabase, createTestDatabase } from './support/database';
import { countQueries } from './support/query-counter';

describe('Statements in one round trip, their parameters written in as literals', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ type: 'postgres', url: database.url }).initialize();
    await dataSource.query(`CREATE TABLE trip_note (id serial PRIMARY KEY, body text NOT NULL UNIQUE)`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  // Every kind of value the api binds, in the casts its statements give them.
  const TYPED = `SELECT $1::text AS text, $2::int AS int, $3::bigint AS big, $4::boolean AS bool, $5::timestamptz AS at, $6::date AS day,
                        $7::uuid[] AS ids, $8::jsonb AS doc, $9::jsonb[] AS docs, $10::text[] AS texts, $11::char(4) AS nr, $12::numeric AS num`;

  it('means what the bound statement means, for any text, number, date, array and document', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true });
    const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)).filter((s) => !s.includes('\\u0000'));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          text: fc.option(text),
          int: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
          big: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          bool: fc.boolean(),
          at: day,
          day: day.map((d) => d.toISOString().slice(0, 10)),
          ids: fc.array(fc.uuid(), { maxLength: 4 }),
          doc: fc.option(json),
          docs: fc.array(json, { maxLength: 3 }),
          texts: fc.array(fc.option(text), { maxLength: 4 }),
          nr: fc.stringMatching(/^[0-9]{4}$/),
          num: fc.double({ noNaN: true, noDefaultInfinity: true }),
        }),
        async (v) => {
          const parameters = [v.text, v.int, v.big, v.bool, v.at, v.day, v.ids, v.doc, v.docs, v.texts, v.nr, v.num];
          const bound = await dataSource.query(TYPED, parameters);
          const inlined = await dataSource.query(withLiterals(TYPED, parameters));
          expect(inlined).toEqual(bound);
          // Prepared on the connection and executed with the same literals, it means the same again.
          const [executed] = await readInOneTrip(dataSource, [{ sql: TYPED, parameters }]);
          expect(executed).toEqual(bound);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves quoted text, quoted names, comments and dollar-quoted bodies as they are', () => {
    const sql = `SELECT '$1' AS "$2", $1 -- $2 stays\n, $$ $1 $$, $tag$ $2 $tag$, x$1, $2`;
    expect(withLiterals(sql, ["it's", 'b\\c'])).toBe(`SELECT '$1' AS "$2", 'it''s' -- $2 stays\n, $$ $1 $$, $tag$ $2 $tag$, x$1,  E'b\\\\c'`);
    expect(() => withLiterals('SELECT $3', [1, 2])).toThrow(RangeError);
  });

  it('reads several statements in one snapshot and one round trip', async () => {
    const counter = countQueries(dataSource);
    try {
      let rows: Awaited<ReturnType<typeof readInOneTrip>> = [];
      const trips = await counter.during(async () => {
        rows = await readInOneTrip(dataSource, [
          { sql: `SELECT $1::int + 1 AS n`, parameters: [41] },
          { sql: `SELECT txid_current_if_assigned() AS xid, current_setting('transaction_isolation') AS isolation, current_setting('transaction_read_only') AS ro` },
        ]);
      });
      expect(trips).toHaveLength(1);
      expect(rows[0]).toEqual([{ n: 42 }]);
      expect(rows[1]).toEqual([{ xid: null, isolation: 'repeatable read', ro: 'on' }]);
    } finally {
      counter.detach();
    }
  });

  it('a transaction sends BEGIN with its first statements and COMMIT with its last', async () => {
    const counter = countQueries(dataSource);
    try {
      const trips = await counter.during(() =>
        OneTripTransaction.run(dataSource, async (transaction) => {
          const [[first]] = await transaction.begin([{ sql: `INSERT INTO trip_note (body) VALUES ($1) RETURNING id`, parameters: ['first'] }]);
          // What TypeORM writes on the same connection is inside the same transaction.
          await (await transaction.manager()).query(`INSERT INTO trip_note (body) VALUES ($1)`, ['by typeorm']);
          await transaction.commit([{ sql: `UPDATE trip_note SET body = body || $2 WHERE id = $1`, parameters: [first.id, ' and last'] }]);
        }),
      );
      expect(trips).toHaveLength(3);
      expect(trips[0]).toMatch(/^BEGIN;\nINSERT/);
      expect(trips[2]).toMatch(/;\nCOMMIT$/);
      const bodies = (await dataSource.query(`SELECT body FROM trip_note ORDER BY id`)).map((row: { body: string }) => row.body);
      expect(bodies).toEqual(['first and last', 'by typeorm']);
    } finally {
      counter.detach();
    }
  });

  it('rolls back everything when a statement fails, and when the work throws', async () => {
    await dataSource.query(`DELETE FROM trip_note`);
    await expect(
      OneTripTransaction.run(dataSource, async (transaction) => {
        await transaction.begin([{ sql: `INSERT INTO trip_note (body) VALUES ($1)`, parameters: ['kept?'] }]);
        await (await transaction.manager()).query(`INSERT INTO trip_note (body) VALUES ('typeorm')`);
        await transaction.commit([{ sql: `INSERT INTO trip_note (body) VALUES ($1)`, parameters: ['kept?'] }]);
      }),
    ).rejects.toMatchObject({ name: 'QueryFailedError', driverError: { code: '23505' } });
    await expect(
      OneTripTransaction.run(dataSource, async (transaction) => {
        await transaction.begin([{ sql: `INSERT INTO trip_note (body) VALUES ('thrown')` }]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await dataSource.query(`SELECT body FROM trip_note`)).toEqual([]);
    // The connections went back to the pool clean: a new transaction on them works.
    await OneTripTransaction.run(dataSource, (transaction) => transaction.begin([{ sql: `INSERT INTO trip_note (body) VALUES ('after')` }]));
    expect(await dataSource.query(`SELECT body FROM trip_note`)).toEqual([{ body: 'after' }]);
  });

  it('prepares a statement once on a connection and executes it from then on, and starts afresh after a failing trip', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const wire: string[] = [];
      const query = client.query.bind(client);
      (client as { query: unknown }).query = (text: string) => (wire.push(text), query(text));
      const preparedHere = async () =>
        (await query(`SELECT name FROM pg_prepared_statements ORDER BY prepare_time`)).rows.map((row: { name: string }) => row.name);
      const before = await preparedHere();
      const twice = { sql: `SELECT $1::int * 2 AS n`, parameters: [21] };

      expect(await sendInOneTrip(runner, client, [twice, { ...twice, parameters: [4] }])).toEqual([[{ n: 42 }], [{ n: 8 }]]);
      expect(await sendInOneTrip(runner, client, [{ ...twice, parameters: [5] }])).toEqual([[{ n: 10 }]]);
      expect(wire[0]).toMatch(/^PREPARE (\w+) AS SELECT \$1::int \* 2 AS n;\nEXECUTE \1\('21'\);\nEXECUTE \1\('4'\)$/);
      expect(wire[1]).toMatch(/^EXECUTE \w+\('5'\)$/);
      const name = /^PREPARE (\w+)/.exec(wire[0])![1];
      expect(await preparedHere()).toEqual([...before, name]);

      // A failing trip may have prepared some of its statements before it failed: which, the error does not tell.
      const fresh = { sql: `SELECT $1::int + 1 AS n`, parameters: [1] };
      await expect(sendInOneTrip(runner, client, [fresh, { sql: `SELECT 1 / $1::int AS n`, parameters: [0] }])).rejects.toMatchObject({
        name: 'QueryFailedError',
        driverError: { code: '22012' },
      });
      expect(await sendInOneTrip(runner, client, [fresh, twice])).toEqual([[{ n: 2 }], [{ n: 42 }]]);
      expect(wire.at(-2)).toBe('DEALLOCATE ALL');
      expect(wire.at(-1)).toMatch(/^PREPARE \w+ AS SELECT \$1::int \+ 1 AS n;\nEXECUTE \w+\('1'\);\nPREPARE \w+ AS SELECT \$1::int \* 2/);
      // Only what the connection prepared since: the two statements of that trip.
      expect(await preparedHere()).toHaveLength(2);
    } finally {
      await runner.release();
    }
  });

  it('sends what cannot be prepared as it is, with its parameters written in', async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      const wire: string[] = [];
      const query = client.query.bind(client);
      (client as { query: unknown }).query = (text: string) => (wire.push(text), query(text));
      const rows = await sendInOneTrip(runner, client, ['BEGIN', { sql: `SET LOCAL statement_timeout = 1000` }, { sql: `SHOW statement_timeout` }, 'COMMIT']);
      expect(rows[2]).toEqual([{ statement_timeout: '1s' }]);
      expect(wire).toEqual(['BEGIN;\nSET LOCAL statement_timeout = 1000;\nSHOW statement_timeout;\nCOMMIT']);
    } finally {
      await runner.release();
    }
  });
});

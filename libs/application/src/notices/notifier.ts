import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { NotificationEntity } from '@app/persistence';
import { Clock } from '../time/clock';
import { NoticeLanguage, NoticeRequest } from './notice';
import { renderNotice } from './notice-texts';

// Rows a statement: few enough that what is held at once stays small, many enough to write in bulk.
const ROWS_PER_INSERT = 1_000;

/**
 * Writes the notices and, for those that get an e-mail, their mail jobs to the outbox, in one
 * statement: a notice and its mail job exist together or not at all. The notices of one digest
 * (one person, one round, written together) get one mail job, named by the first of them written;
 * it sends them, and whatever else of that person's, round's and day's notices waits, as one
 * e-mail. $1 the rows as one JSON array (the notices' own ids, generated here, so their mail jobs
 * can be named beforehand), $2 the instant, $3 the mail job's name, $4 when it runs.
 */
const INSERT_NOTICES = `
  WITH input AS (
    SELECT *
      FROM json_to_recordset($1::json)
        AS t(id uuid, key text, topic text, user_id uuid, kind text, council_id uuid, round_id uuid, language text,
             subject text, body text, link text, email_to text, email_status text, mail_job_id text)
  ),
  inserted AS (
    INSERT INTO notification
      (id, key, topic, user_id, kind, council_id, round_id, language, subject, body, link, created_at, email_to, email_status, email_attempts)
    SELECT id, key, topic, user_id, kind, council_id, round_id, language, subject, body, link, $2::timestamptz, email_to, email_status, 0
      FROM input
    ON CONFLICT (key) DO NOTHING
    RETURNING id
  ),
  mailed AS (
    INSERT INTO outbox (operation, job_name, job_id, payload, run_at)
    SELECT DISTINCT ON (input.user_id, input.round_id) 'add', $3::text, input.mail_job_id, jsonb_build_object('notificationId', input.id), $4::timestamptz
      FROM input JOIN inserted USING (id)
     WHERE input.mail_job_id IS NOT NULL
     ORDER BY input.user_id, input.round_id, input.id
  )
  SELECT id FROM inserted`;

/** Whom a notice goes to: their address, their own written standard, and that of each municipality (of those asked about) they are a clerk of. */
interface Addressee {
  email: string | null;
  language: NoticeLanguage | null;
  clerkOf: Map<string, NoticeLanguage>;
  /** The kinds the person takes in the app only. */
  emailOffKinds: readonly string[];
}

/**
 * Writes notices: one row per key, in the inbox at once, and by e-mail through the outbox when
 * SMTP is configured and the person has an address. Everything happens in the caller's
 * transaction, so a notice exists exactly when the change that causes it is committed.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Inserts each request's notice unless one with its key exists (`ON CONFLICT (key) DO NOTHING`:
   * a job that runs again notifies nobody twice) and returns the notices actually written, in the
   * order asked. Only those get an e-mail job.
   */
  async notify(manager: EntityManager, requests: readonly NoticeRequest[]): Promise<NotificationEntity[]> {
    const unique = [...new Map(requests.map((request) => [request.key, request])).values()];
    if (unique.length === 0) return [];
    const addressees = await this.addressees(manager, unique);
    const now = this.clock.now();
    const created: NotificationEntity[] = [];
    // Written a chunk at a time, each rendered just before: what is held at once stays small.
    for (let start = 0; start < unique.length; start += ROWS_PER_INSERT) {
      const notices = unique.slice(start, start + ROWS_PER_INSERT).map((request) => this.compose(request, addressees, now));
      const rows: Array<{ id: string }> = await manager.query(INSERT_NOTICES, insertParameters(notices, now, this.config.mailDigestDelayMs));
      const written = new Set(rows.map((row) => row.id));
      created.push(...notices.filter((notice) => written.has(notice.id)));
    }
    return created;
  }

  private compose(request: NoticeRequest, addressees: Map<string, Addressee>, now: Date): NotificationEntity {
    const addressee = addressees.get(request.userId);
    if (!addressee) throw new Error(`Cannot notify user ${request.userId}: there is no such user`);
    const municipalityLanguage = request.municipalityNumber ? addressee.clerkOf.get(request.municipalityNumber) : undefined;
    const language: NoticeLanguage = addressee.language ?? municipalityLanguage ?? 'nb';
    const text = renderNotice(request.content, language, { publicBaseUrl: this.config.publicBaseUrl, link: request.link });
    const emailTo = this.config.smtpUrl && addressee.email && !addressee.emailOffKinds.includes(request.content.kind) ? addressee.email : null;
    return Object.assign(new NotificationEntity(), {
      id: timeOrderedUuid(),
      key: request.key,
      topic: topicOf(request.key),
      userId: request.userId,
      kind: request.content.kind,
      councilId: request.councilId,
      roundId: request.roundId,
      language,
      subject: text.subject,
      body: text.body,
      link: request.link,
      createdAt: now,
      readAt: null,
      emailTo,
      emailStatus: emailTo ? 'pending' : 'off',
      emailedAt: null,
      emailAttempts: 0,
      emailId: null,
    } satisfies Omit<NotificationEntity, 'user'>);
  }

  /**
   * The people asked about, in one query: their address and written standard, and, for recipients
   * who are a clerk of the municipality a request concerns, that municipality's written standard
   * (the municipality's choice speaks for its own staff, not for a council's secretariat).
   */
  private async addressees(manager: EntityManager, requests: readonly NoticeRequest[]): Promise<Map<string, Addressee>> {
    const userIds = [...new Set(requests.map((request) => request.userId))];
    const municipalities = [...new Set(requests.flatMap((request) => request.municipalityNumber ?? []))];
    const rows: Array<{
      id: string;
      email: string | null;
      language: NoticeLanguage | null;
      email_off_kinds: string[];
      number: string | null;
      municipality_language: NoticeLanguage | null;
    }> = await manager.query(
        `SELECT u.id, u.email, u.language, u.email_off_kinds, g.municipality_number AS number, m.language AS municipality_language
           FROM app_user u
           LEFT JOIN role_grant g ON g.user_id = u.id AND g.role = 'clerk' AND g.municipality_number = ANY($2::text[])
           LEFT JOIN municipality m ON m.number = g.municipality_number
          WHERE u.id = ANY($1::uuid[])`,
        [userIds, municipalities],
      );
    const addressees = new Map<string, Addressee>();
    for (const row of rows) {
      const addressee = addressees.get(row.id) ?? {
        email: row.email,
        language: row.language,
        clerkOf: new Map(),
        emailOffKinds: row.email_off_kinds,
      };
      if (row.number && row.municipality_language) addressee.clerkOf.set(row.number, row.municipality_language);
      addressees.set(row.id, addressee);
    }
    return addressees;
  }
}

/**
 * A UUID whose first bits are the time (version 7, RFC 9562): notices written together sit
 * together in the primary key's index, rather than touching a page of it each, which a deadline
 * writing a hundred thousand at once would feel.
 */
export function timeOrderedUuid(): string {
  // randomUUID draws from a pool of randomness; only the first 48 bits become the time, and the version 7.
  // System time: only the order of the ids; when the notice was written is its created_at.
  const time = Date.now().toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** What a notice is about, whoever it is to: its key without the last part, the recipient. */
export function topicOf(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash < 0 ? key : key.slice(0, slash);
}

function insertParameters(notices: readonly NotificationEntity[], now: Date, digestDelayMs: number): unknown[] {
  const rows = notices.map((n) => ({
    id: n.id,
    key: n.key,
    topic: n.topic,
    user_id: n.userId,
    kind: n.kind,
    council_id: n.councilId,
    round_id: n.roundId,
    language: n.language,
    subject: n.subject,
    body: n.body,
    link: n.link,
    email_to: n.emailTo,
    email_status: n.emailStatus,
    mail_job_id: n.emailStatus === 'pending' ? jobIds.sendMail({ notificationId: n.id }) : null,
  }));
  // One string, written natively, rather than an array per column escaped element by element.
  // The mail job waits a little, so that what else its digest gets meanwhile goes out with it.
  return [JSON.stringify(rows), now, JOB_NAMES.sendMail, new Date(now.getTime() + digestDelayMs)];
}

import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AppConfig } from '@app/config';
import { JOB_NAMES, jobIds } from '@app/jobs';
import { AppUserEntity, NotificationEntity } from '@app/persistence';
import { OutboxJob, enqueueJobs } from '../outbox/outbox';
import { Clock } from '../time/clock';
import { NoticeLanguage, NoticeRequest } from './notice';
import { renderNotice } from './notice-texts';

// 13 parameters a row; PostgreSQL takes at most 65 535 in one statement.
const ROWS_PER_INSERT = 1_000;

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
    const now = this.clock.now();
    const users = await this.users(manager, unique);
    const clerkLanguages = await this.clerkLanguages(manager, unique);

    const rows = unique.map((request) => {
      const user = users.get(request.userId);
      if (!user) throw new Error(`Cannot notify user ${request.userId}: there is no such user`);
      const municipalityLanguage = request.municipalityNumber ? clerkLanguages.get(clerkKey(user.id, request.municipalityNumber)) : undefined;
      const language: NoticeLanguage = user.language ?? municipalityLanguage ?? 'nb';
      const text = renderNotice(request.content, language, { publicBaseUrl: this.config.publicBaseUrl, link: request.link });
      const emailTo = this.config.smtpUrl && user.email ? user.email : null;
      return { request, language, text, emailTo };
    });

    const insertedIds: string[] = [];
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const values: unknown[] = [];
      const tuples = chunk.map(({ request, language, text, emailTo }) => {
        const first = values.length;
        values.push(
          request.key,
          request.userId,
          request.content.kind,
          request.councilId,
          request.roundId,
          language,
          text.subject,
          text.body,
          request.link,
          now,
          emailTo,
          emailTo ? 'pending' : 'off',
          0,
        );
        return `(${Array.from({ length: 13 }, (_, i) => `$${first + i + 1}`).join(', ')})`;
      });
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO notification
           (key, user_id, kind, council_id, round_id, language, subject, body, link, created_at, email_to, email_status, email_attempts)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (key) DO NOTHING
         RETURNING id`,
        values,
      );
      insertedIds.push(...inserted.map((row) => row.id));
    }
    if (insertedIds.length === 0) return [];

    const written = await manager.getRepository(NotificationEntity).findBy({ id: In(insertedIds) });
    const byKey = new Map(written.map((notice) => [notice.key, notice]));
    const created = unique.flatMap((request) => byKey.get(request.key) ?? []);

    const mails: OutboxJob[] = created
      .filter((notice) => notice.emailStatus === 'pending')
      .map((notice) => {
        const payload = { notificationId: notice.id };
        return { name: JOB_NAMES.sendMail, payload, jobId: jobIds.sendMail(payload), runAt: now };
      });
    await enqueueJobs(manager, mails);
    return created;
  }

  private async users(manager: EntityManager, requests: readonly NoticeRequest[]): Promise<Map<string, AppUserEntity>> {
    const ids = [...new Set(requests.map((request) => request.userId))];
    const users = await manager.getRepository(AppUserEntity).findBy({ id: In(ids) });
    return new Map(users.map((user) => [user.id, user]));
  }

  /**
   * The written standard of each municipality a request concerns, for recipients who are its
   * clerk: the municipality's choice speaks for its own staff, not for a council's secretariat.
   */
  private async clerkLanguages(manager: EntityManager, requests: readonly NoticeRequest[]): Promise<Map<string, NoticeLanguage>> {
    const concerned = requests.filter((request) => request.municipalityNumber);
    if (concerned.length === 0) return new Map();
    const rows: Array<{ user_id: string; number: string; language: NoticeLanguage }> = await manager.query(
      `SELECT g.user_id, m.number, m.language
         FROM role_grant g
         JOIN municipality m ON m.number = g.municipality_number
        WHERE g.role = 'clerk' AND g.user_id = ANY($1::uuid[]) AND g.municipality_number = ANY($2::text[])`,
      [[...new Set(concerned.map((request) => request.userId))], [...new Set(concerned.map((request) => request.municipalityNumber!))]],
    );
    return new Map(rows.map((row) => [clerkKey(row.user_id, row.number), row.language]));
  }
}

function clerkKey(userId: string, municipalityNumber: string): string {
  return `${userId}/${municipalityNumber}`;
}

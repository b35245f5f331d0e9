import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, startOfDayInOslo, todayInOslo } from '@app/domain';
import { JobPayloads, JobResult } from '@app/jobs';
import { NotificationEntity } from '@app/persistence';
import { Clock } from '../time/clock';
import { Mailer } from './mailer';
import { NoticeLanguage } from './notice';
import { renderDigest } from './notice-digest';

/** Which attempt this is, as the queue counts them; on the last one a failure is final. */
export interface SendAttempt {
  isLast?: boolean;
}

/** A notice as its e-mail needs it. */
interface DigestRow {
  id: string;
  email_to: string | null;
  language: NoticeLanguage;
  subject: string;
  body: string;
}

/**
 * The notices of one digest an e-mail takes: the person's notices about the round (or about no
 * round) written on the Oslo day of the job's notice, whose e-mail is owed, and those this e-mail
 * took before (a retry after a crash or a failure). Rows another job is taking are skipped.
 * $1 the person, $2 and $3 the day's bounds, $4 the round, $5 the e-mail (the job's notice).
 * It reads ix_notification_user (user_id, created_at).
 */
export const CLAIM_DIGEST = `
  SELECT id, email_to, language, subject, body
    FROM notification
   WHERE user_id = $1 AND created_at >= $2 AND created_at < $3 AND round_id IS NOT DISTINCT FROM $4
     AND (email_status = 'pending' OR (email_status IN ('sending', 'failed') AND email_id = $5))
   ORDER BY created_at, id
     FOR UPDATE SKIP LOCKED`;

/**
 * Sends the e-mail of a digest (job `notice.send-mail`, named by one of its notices): one e-mail
 * for a person's notices about one round on one day whose e-mail is owed, listing them, so that
 * several notices are one e-mail rather than a flood; a digest of one notice is that notice's own
 * e-mail. It records them `sending` (with the e-mail they go in) before talking to the server and
 * `sent` after. A crash in between leaves `sending`, and the retry sends again with the same
 * Message-ID, so the two copies are recognisably one message. With nothing owed it skips.
 */
@Injectable()
export class SendMailHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute({ notificationId }: JobPayloads['notice.send-mail'], attempt: SendAttempt = {}): Promise<JobResult> {
    const claimed = await this.claim(notificationId);
    if (!claimed) return 'skipped';
    const { rows, roundTitle } = claimed;
    const ids = rows.map((row) => row.id);
    // The newest notice has the address and the written standard as they are now.
    const latest = rows[rows.length - 1];
    const text = renderDigest(rows, latest.language, roundTitle);
    try {
      await this.mailer.send({ to: latest.email_to!, subject: text.subject, text: text.body, messageId: messageIdOf(notificationId), language: latest.language });
    } catch (error) {
      const permanent = isPermanentRejection(error);
      await this.dataSource
        .getRepository(NotificationEntity)
        .createQueryBuilder()
        .update()
        .set({ emailStatus: permanent || attempt.isLast ? 'failed' : 'pending', emailAttempts: () => 'email_attempts + 1' })
        .where('id IN (:...ids)', { ids })
        .execute();
      // The server refused this address or message for good: retrying would only be refused again.
      if (permanent) throw new UnrecoverableError(`The mail server refused the notice's e-mail: ${describe(error)}`);
      throw error;
    }
    await this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder()
      .update()
      .set({ emailStatus: 'sent', emailedAt: this.clock.now(), emailAttempts: () => 'email_attempts + 1' })
      .where('id IN (:...ids)', { ids })
      .execute();
    return 'done';
  }

  /**
   * Marks the digest's owed notices `sending` in this e-mail (committed) when there is something to
   * send; null when there is not. With e-mail turned off since they were written, they stay in the inbox only.
   */
  private async claim(emailId: string): Promise<{ rows: DigestRow[]; roundTitle: string | null } | null> {
    return this.dataSource.transaction(async (manager) => {
      const notice = await manager.getRepository(NotificationEntity).findOne({ where: { id: emailId }, select: ['id', 'userId', 'roundId', 'createdAt'] });
      if (!notice) return null;
      const day = todayInOslo(notice.createdAt);
      const rows: DigestRow[] = await manager.query(CLAIM_DIGEST, [
        notice.userId,
        startOfDayInOslo(day),
        startOfDayInOslo(addDays(day, 1)),
        notice.roundId,
        emailId,
      ]);
      if (rows.length === 0) return null;
      const ids = rows.map((row) => row.id);
      if (!this.mailer.enabled || !rows[rows.length - 1].email_to) {
        await manager.query(`UPDATE notification SET email_status = 'off' WHERE id = ANY($1::uuid[])`, [ids]);
        return null;
      }
      await manager.query(`UPDATE notification SET email_status = 'sending', email_id = $2 WHERE id = ANY($1::uuid[])`, [ids, emailId]);
      return { rows, roundTitle: rows.length > 1 ? await roundTitleOf(manager, notice.roundId) : null };
    });
  }
}

async function roundTitleOf(manager: EntityManager, roundId: string | null): Promise<string | null> {
  if (!roundId) return null;
  const rows: Array<{ title: string }> = await manager.query(`SELECT title FROM round WHERE id = $1`, [roundId]);
  return rows[0]?.title ?? null;
}

/** The Message-ID of an e-mail: derived from the notice whose job sends it, so every attempt sends the same one. */
export function messageIdOf(notificationId: string): string {
  return `<notification-${notificationId}@vedtaksrunde>`;
}

/** A 5xx answer to the recipient or the message: the address does not exist, or the message is refused. */
function isPermanentRejection(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: string; responseCode?: number };
  return (code === 'EENVELOPE' || code === 'EMESSAGE') && typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobPayloads, JobResult } from '@app/jobs';
import { NotificationEntity } from '@app/persistence';
import { Clock } from '../time/clock';
import { Mailer } from './mailer';

/** Which attempt this is, as the queue counts them; on the last one a failure is final. */
export interface SendAttempt {
  isLast?: boolean;
}

/**
 * Sends the e-mail of one notice (job `notice.send-mail`). It reloads the notice and skips one
 * already sent or with e-mail off; otherwise it records `sending` before talking to the server and
 * `sent` after. A crash in between leaves `sending`, and the retry sends again with the same
 * Message-ID, so the two copies are recognisably one message.
 */
@Injectable()
export class SendMailHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async execute({ notificationId }: JobPayloads['notice.send-mail'], attempt: SendAttempt = {}): Promise<JobResult> {
    const notice = await this.claim(notificationId);
    if (!notice) return 'skipped';
    try {
      await this.mailer.send({
        to: notice.emailTo!,
        subject: notice.subject,
        text: notice.body,
        messageId: messageIdOf(notice.id),
        language: notice.language,
      });
    } catch (error) {
      const permanent = isPermanentRejection(error);
      await this.dataSource
        .getRepository(NotificationEntity)
        .createQueryBuilder()
        .update()
        .set({ emailStatus: permanent || attempt.isLast ? 'failed' : 'pending', emailAttempts: () => 'email_attempts + 1' })
        .where('id = :id', { id: notice.id })
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
      .where('id = :id', { id: notice.id })
      .execute();
    return 'done';
  }

  /** Marks the notice `sending` (committed) when there is something to send; null when there is not. */
  private async claim(notificationId: string): Promise<NotificationEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      const notices = manager.getRepository(NotificationEntity);
      const notice = await notices.findOne({ where: { id: notificationId }, lock: { mode: 'pessimistic_write' } });
      if (!notice || notice.emailStatus === 'sent' || notice.emailStatus === 'off') return null;
      if (!notice.emailTo || !this.mailer.enabled) {
        // SMTP was turned off since the notice was written: it stays in the inbox only.
        await notices.update({ id: notice.id }, { emailStatus: 'off' });
        return null;
      }
      await notices.update({ id: notice.id }, { emailStatus: 'sending' });
      return notice;
    });
  }
}

/** The Message-ID of a notice's e-mail: derived from the notice, so every attempt sends the same one. */
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

import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Transporter, createTransport } from 'nodemailer';
import { AppConfig } from '@app/config';

/** One plain-text e-mail of a notice. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** `<…@…>`: the same for every attempt, so a resend after a crash is recognisably the same message. */
  messageId: string;
  language: 'nb' | 'nn' | 'en';
}

/**
 * Sends e-mail over SMTP_URL. Without it there is no transport and e-mail is off: notices go to
 * the in-app inbox only, and `describe()` says so for the worker's start-up log.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | null;
  private readonly server: string | null;

  constructor(private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport(
          // A hung mail server must fail the attempt (and let the queue retry), not hold the job for minutes.
          // Pooled: a burst of reminders reuses a few connections instead of opening one per mail.
          { url: config.smtpUrl, pool: true, maxConnections: 5, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
          { from: config.mailFrom },
        )
      : null;
    this.server = config.smtpUrl ? serverOf(config.smtpUrl) : null;
  }

  /** Whether notices also go out by e-mail. */
  get enabled(): boolean {
    return this.transport !== null;
  }

  /** One line for the start-up log: where e-mail goes, or that it is off. Never shows a password. */
  describe(): string {
    return this.server
      ? `E-mail is on: notices are sent through ${this.server} from ${this.config.mailFrom}`
      : 'E-mail is off: SMTP_URL is not set; notices go to the in-app inbox only';
  }

  /** Hands the mail to the SMTP server; rejects with nodemailer's error (its `code` and `responseCode`). */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('E-mail is off: SMTP_URL is not set');
    await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      headers: {
        // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
        'Auto-Submitted': 'auto-generated',
        'Content-Language': mail.language,
      },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

function serverOf(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

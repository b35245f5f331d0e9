import { SMTPServer } from 'smtp-server';
import { freePort } from '../../support/redis-server';
import { ReceivedMail } from '../../support/smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that can be stopped (connections refused, as when the mail
 * server is down) and started again on the same port, and that refuses chosen addresses for good.
 */
export interface StoppableSmtpServer {
  url: string;
  mails: ReceivedMail[];
  /** RCPT TO commands per address, accepted or not. */
  recipientsTried: Map<string, number>;
  /** Addresses answered 550 (no such mailbox). */
  refused: Set<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startStoppableSmtpServer(): Promise<StoppableSmtpServer> {
  const port = await freePort();
  let server: SMTPServer | null = null;
  const smtp: StoppableSmtpServer = {
    url: `smtp://127.0.0.1:${port}`,
    mails: [],
    recipientsTried: new Map(),
    refused: new Set(),
    start: async () => {
      if (server) return;
      const started = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        // On stop, open connections (the mailer's pool) are told 421 and closed at once.
        closeTimeout: 50,
        onRcptTo(address, _session, callback) {
          smtp.recipientsTried.set(address.address, (smtp.recipientsTried.get(address.address) ?? 0) + 1);
          if (!smtp.refused.has(address.address)) return callback();
          callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        },
        onData(stream, session, callback) {
          let raw = '';
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => (raw += chunk));
          stream.on('end', () => {
            const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
            smtp.mails.push({ messageId, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
            callback();
          });
        },
      });
      started.on('error', () => undefined);
      await new Promise<void>((resolve) => started.listen(port, '127.0.0.1', resolve));
      server = started;
    },
    stop: async () => {
      const running = server;
      server = null;
      if (!running) return;
      await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  await smtp.start();
  return smtp;
}

import { freePort } from '../../support/redis-server';
import { ReceivedMail, listenSmtpServer } from '../../support/smtp-server';

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
  let close: (() => Promise<void>) | null = null;
  const smtp: StoppableSmtpServer = {
    url: `smtp://127.0.0.1:${port}`,
    mails: [],
    recipientsTried: new Map(),
    refused: new Set(),
    start: async () => {
      if (close) return;
      close = await listenSmtpServer(port, {
        // On stop, open connections (the mailer's pool) are told 421 and closed at once.
        closeTimeout: 50,
        refuse: (address) => {
          smtp.recipientsTried.set(address, (smtp.recipientsTried.get(address) ?? 0) + 1);
          return smtp.refused.has(address) ? 550 : null;
        },
        receive: (mail, accept) => {
          smtp.mails.push(mail);
          accept();
        },
      });
    },
    stop: async () => {
      const running = close;
      close = null;
      if (!running) return;
      await running();
    },
  };
  await smtp.start();
  return smtp;
}

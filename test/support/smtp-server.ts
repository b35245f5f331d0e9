import { SMTPServer } from 'smtp-server';
import { freePort } from './redis-server';

/** A mail as the test's SMTP server received it. */
export interface ReceivedMail {
  messageId: string;
  to: string[];
  raw: string;
}

/** How a test's SMTP server answers: what it does with a recipient and with a mail handed over in full. */
export interface SmtpHandlers {
  /** The code to refuse the recipient with (451: try later; 550: no such mailbox), or null to take it. */
  refuse?(address: string): number | null;
  /** Answers 250 for the mail when `accept` is called. */
  receive(mail: ReceivedMail, accept: () => void): void;
  /** How long a close waits for open connections before it closes them (smtp-server's closeTimeout). */
  closeTimeout?: number;
}

/** A real SMTP server on 127.0.0.1:port, without TLS or authentication; resolves once it listens, to its close. */
export async function listenSmtpServer(port: number, handlers: SmtpHandlers): Promise<() => Promise<void>> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: handlers.closeTimeout,
    onRcptTo(address, _session, callback) {
      const code = handlers.refuse?.(address.address) ?? null;
      if (code === null) return callback();
      callback(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
        handlers.receive({ messageId, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw }, () => callback());
      });
    },
  });
  // A client killed mid-conversation resets its connection; that is the test's doing, not an error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A real SMTP server on 127.0.0.1 that keeps every mail it accepts, and can be told to refuse recipients. */
export interface TestSmtpServer {
  url: string;
  mails: ReceivedMail[];
  /** While set, every RCPT TO is answered with this code (451: try later; 550: no such mailbox). */
  refuseWith: number | null;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const port = await freePort();
  const smtp: TestSmtpServer = { url: `smtp://127.0.0.1:${port}`, mails: [], refuseWith: null, close: async () => undefined };
  smtp.close = await listenSmtpServer(port, {
    refuse: () => smtp.refuseWith,
    receive: (mail, accept) => {
      smtp.mails.push(mail);
      accept();
    },
  });
  return smtp;
}

import { SMTPServer } from 'smtp-server';
import { freePort } from './redis-server';

/** A mail as the test's SMTP server received it. */
export interface ReceivedMail {
  messageId: string;
  to: string[];
  raw: string;
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
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (smtp.refuseWith === null) return callback();
      callback(Object.assign(new Error(smtp.refuseWith >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: smtp.refuseWith }));
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
  // A client killed mid-conversation resets its connection; that is the test's doing, not an error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  smtp.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return smtp;
}

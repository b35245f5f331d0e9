import { SMTPServer } from 'smtp-server';
import { freePort } from './redis-server';

/**
 * A real SMTP server that can hold mails: a held mail has been handed over in full, but the
 * server has not said 250 yet, so the worker's job that sends it is in flight until released.
 */
export interface HoldingSmtpServer {
  url: string;
  /** Message-IDs in the order the server accepted them (answered 250). */
  accepted: string[];
  held(): number;
  /** Answers every held mail and takes the rest at once from now on. */
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingSmtpServer(acceptFirst: number): Promise<HoldingSmtpServer> {
  const port = await freePort();
  const accepted: string[] = [];
  const waiting: Array<() => void> = [];
  let holding = true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
        const accept = () => {
          accepted.push(messageId);
          callback();
        };
        if (holding && accepted.length >= acceptFirst) waiting.push(accept);
        else accept();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    held: () => waiting.length,
    release: () => {
      holding = false;
      for (const accept of waiting.splice(0)) accept();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

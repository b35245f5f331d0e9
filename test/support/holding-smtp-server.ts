import { freePort } from './redis-server';
import { listenSmtpServer } from './smtp-server';

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
  const close = await listenSmtpServer(port, {
    receive: ({ messageId }, answer) => {
      const accept = () => {
        accepted.push(messageId);
        answer();
      };
      if (holding && accepted.length >= acceptFirst) waiting.push(accept);
      else accept();
    },
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    held: () => waiting.length,
    release: () => {
      holding = false;
      for (const accept of waiting.splice(0)) accept();
    },
    close,
  };
}

import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoPerson } from '@app/demo';
import { freePort } from './redis-server';

/** The demo identity provider (apps/demo-idp) as a process of its own, for one suite. */
export interface DemoIdentityProvider {
  issuer: string;
  jwksUrl: string;
  clientId: string;
  audience: string;
  /** What it wrote on stdout and stderr so far: for a failing test's message. */
  output(): string;
  close(): Promise<void>;
}

export interface DemoIdentityProviderOptions {
  /** Who may sign in, in the people file's shape. */
  people: Array<Omit<DemoPerson, 'description'> & { description?: string }>;
  /** The web app's URLs: the redirect URIs are `<url>/auth/callback` and `<url>/auth/silent`. */
  appUrls: string[];
  accessTokenTtlSeconds?: number;
}

const MAIN = join(__dirname, '../../apps/demo-idp/main.mjs');

/** Starts the provider on a free port with the people written to a temp folder; resolves once its discovery document answers. */
export async function startDemoIdentityProvider(options: DemoIdentityProviderOptions): Promise<DemoIdentityProvider> {
  const folder = mkdtempSync(join(tmpdir(), 'vedtak-idp-'));
  const peopleFile = join(folder, 'people.json');
  writeFileSync(peopleFile, JSON.stringify(options.people));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'vedtaksrunde-web';
  const audience = 'vedtaksrunde-api';
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      IDP_PORT: String(port),
      IDP_ISSUER: issuer,
      IDP_CLIENT_ID: clientId,
      IDP_AUDIENCE: audience,
      IDP_APP_URL: options.appUrls.join(','),
      IDP_PEOPLE_FILE: peopleFile,
      ...(options.accessTokenTtlSeconds ? { IDP_ACCESS_TOKEN_TTL: String(options.accessTokenTtlSeconds) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${issuer}/.well-known/openid-configuration`).then((response) => response.ok, () => false);
    if (ready) return { issuer, jwksUrl: `${issuer}/jwks`, clientId, audience, output: () => output, close };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await close();
  throw new Error(`the demo identity provider did not answer its discovery document:\n${output}`);
}

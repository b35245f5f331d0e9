import { DemoPerson, demoUsers, seedDemo } from '@app/demo';
import { TestApi, startTestApi } from './api';
import { DemoIdentityProvider, startDemoIdentityProvider } from './identity-provider';
import { freePort } from './redis-server';

/** The web app as a browser suite opens it: served by a test api on a port of its own, on the demo's story. */
export interface TestWebApp {
  /** Where the app is, `http://127.0.0.1:<port>`. */
  base: string;
  /** The demo identity provider the app signs in through, with the demo's people. */
  idp: DemoIdentityProvider;
  api: TestApi;
  /** Closes the api, then the identity provider. */
  close(): Promise<void>;
}

/**
 * Starts the demo identity provider and an api that trusts it, with the whole demo seeded on
 * the api's clock (now) and listening on a free port. `env` adds to the api's environment;
 * `people` adds to (or changes) the demo's people who may sign in.
 */
export async function startWebApp(
  options: { env?: (base: string) => Record<string, string>; people?: (people: DemoPerson[]) => DemoPerson[] } = {},
): Promise<TestWebApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startDemoIdentityProvider({ people: (options.people ?? ((people) => people))(demoUsers({ alliance: true })), appUrls: [base] });
  let api: TestApi | undefined;
  try {
    api = await startTestApi({
      now: new Date().toISOString(),
      env: { OIDC_ISSUER: idp.issuer, OIDC_AUDIENCE: idp.audience, OIDC_JWKS_URL: idp.jwksUrl, OIDC_CLIENT_ID: idp.clientId, ...options.env?.(base) },
    });
    await seedDemo(api.dataSource, { clock: api.clock });
    await api.app.listen(port, '127.0.0.1');
  } catch (error) {
    await api?.close();
    await idp.close();
    throw error;
  }
  const started = api;
  return {
    base,
    idp,
    api: started,
    close: async () => {
      await started.close();
      await idp.close();
    },
  };
}

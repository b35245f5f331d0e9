// The demo's identity provider: a real OpenID Provider (oidc-provider) that signs in whoever the
// visitor picks from the demo's people, with no password. The web app signs in through it exactly
// as it would through a municipality's identity provider (authorization code flow with PKCE), and
// the api checks its access tokens through its JWKS like any other OIDC issuer's.
//
//   node apps/demo-idp/main.mjs
//
// IDP_PORT (3001), IDP_ISSUER (http://localhost:$IDP_PORT), IDP_CLIENT_ID (vedtaksrunde-web),
// IDP_APP_URL (http://localhost:3000; a comma-separated list is allowed), IDP_AUDIENCE
// (vedtaksrunde-api), IDP_ACCESS_TOKEN_TTL (900 seconds), IDP_PEOPLE_FILE (.data/demo-people.json).
//
// Everything lives in memory: keys, sessions and grants are new at every start, so a restart
// signs everyone out. That is what a demo wants and what production must never do.
import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import process from 'node:process';
import { URL, URLSearchParams } from 'node:url';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';

/**
 * @typedef {{ role: 'admin' } | { role: 'secretariat' | 'leader', council: string } | { role: 'clerk', municipality: string }} RoleGrant
 * @typedef {{ sub: string, name: string, email?: string, roles: RoleGrant[], description?: string }} Person
 * @typedef {{
 *   port: number, issuer: string, clientId: string, appUrls: string[], audience: string,
 *   accessTokenTtl: number, peopleFile: string,
 * }} Settings
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 */

/** The api's one scope as a resource server; the api itself goes by the roles claim, not by scopes. */
const API_SCOPE = 'vedtaksrunde';
// The same exit code as the api's configuration errors (EX_CONFIG), so scripts treat both alike.
const EXIT_CONFIGURATION = 78;
const MAX_FORM_BYTES = 4096;

class ConfigurationProblem extends Error {}

/**
 * Reads the settings from the environment, refusing a malformed value with its name.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Settings}
 */
function readSettings(env) {
  const port = wholeNumber(env.IDP_PORT ?? '3001', 'IDP_PORT', 1, 65535);
  const issuer = httpUrl(env.IDP_ISSUER || `http://localhost:${port}`, 'IDP_ISSUER');
  if (new URL(issuer).search || new URL(issuer).hash) throw new ConfigurationProblem('IDP_ISSUER must not have a query or a fragment');
  const appUrls = (env.IDP_APP_URL || 'http://localhost:3000')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url) => httpUrl(url, 'IDP_APP_URL'));
  if (appUrls.length === 0) throw new ConfigurationProblem('IDP_APP_URL must name at least one URL of the web app');
  return {
    port,
    issuer,
    clientId: nonEmpty(env.IDP_CLIENT_ID ?? 'vedtaksrunde-web', 'IDP_CLIENT_ID'),
    appUrls: [...new Set(appUrls)],
    audience: nonEmpty(env.IDP_AUDIENCE ?? 'vedtaksrunde-api', 'IDP_AUDIENCE'),
    accessTokenTtl: wholeNumber(env.IDP_ACCESS_TOKEN_TTL ?? '900', 'IDP_ACCESS_TOKEN_TTL', 30, 86_400),
    peopleFile: resolve(env.IDP_PEOPLE_FILE || '.data/demo-people.json'),
  };
}

/**
 * @param {string} value
 * @param {string} name
 * @param {number} min
 * @param {number} max
 */
function wholeNumber(value, name, min, max) {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigurationProblem(`${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

/**
 * An http(s) URL without the trailing slash, as issuers and origins are compared character by character.
 * @param {string} value
 * @param {string} name
 */
function httpUrl(value, name) {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new ConfigurationProblem(`${name} must be an http(s) URL such as http://localhost:3000`);
  return url.href.replace(/\/$/, '');
}

/**
 * @param {string} value
 * @param {string} name
 */
function nonEmpty(value, name) {
  if (value.trim() === '') throw new ConfigurationProblem(`${name} must not be empty`);
  return value.trim();
}

/**
 * Reads the people who may sign in, in the claim shape the api reads (API.md, Authentication).
 * @param {string} file
 * @returns {Map<string, Person>}
 */
function readPeople(file) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigurationProblem(`IDP_PEOPLE_FILE (${file}) must be a readable JSON file: ${reason}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new ConfigurationProblem(`IDP_PEOPLE_FILE (${file}) must hold a non-empty JSON array of people`);
  /** @type {Map<string, Person>} */
  const people = new Map();
  parsed.forEach((entry, index) => {
    const person = readPerson(entry, `IDP_PEOPLE_FILE entry ${index}`);
    if (people.has(person.sub)) throw new ConfigurationProblem(`IDP_PEOPLE_FILE lists "${person.sub}" twice`);
    people.set(person.sub, person);
  });
  return people;
}

/**
 * @param {unknown} entry
 * @param {string} where
 * @returns {Person}
 */
function readPerson(entry, where) {
  const fail = (/** @type {string} */ what) => new ConfigurationProblem(`${where}: ${what}`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw fail('must be an object');
  const { sub, name, email, roles, description } = /** @type {Record<string, unknown>} */ (entry);
  if (typeof sub !== 'string' || sub.trim() === '') throw fail('needs a "sub"');
  if (typeof name !== 'string' || name.trim() === '') throw fail('needs a "name"');
  if (email !== undefined && (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) throw fail('"email" must be an e-mail address');
  if (description !== undefined && typeof description !== 'string') throw fail('"description" must be a text');
  if (!Array.isArray(roles)) throw fail('needs "roles", a list (empty for a person without grants)');
  return {
    sub,
    name,
    ...(email ? { email } : {}),
    roles: roles.map((grant) => readGrant(grant, fail)),
    ...(description ? { description } : {}),
  };
}

/**
 * @param {unknown} grant
 * @param {(what: string) => Error} fail
 * @returns {RoleGrant}
 */
function readGrant(grant, fail) {
  const { role, council, municipality } = /** @type {Record<string, unknown>} */ (typeof grant === 'object' && grant !== null ? grant : {});
  if (role === 'admin') return { role };
  if ((role === 'secretariat' || role === 'leader') && typeof council === 'string' && council !== '') return { role, council };
  if (role === 'clerk' && typeof municipality === 'string' && /^\d{4}$/.test(municipality)) return { role, municipality };
  throw fail(`${JSON.stringify(grant)} is not a grant: admin, secretariat or leader with "council", or clerk with a four-digit "municipality"`);
}

/**
 * What a person is, for the sign-in page, when the people file does not say it in words.
 * @param {Person} person
 */
function whatTheyAre(person) {
  if (person.description) return person.description;
  const labels = person.roles.map((grant) => {
    if (grant.role === 'admin') return 'Administrator';
    if (grant.role === 'clerk') return `Utvalgssekretær, ${grant.municipality}`;
    return `${grant.role === 'secretariat' ? 'Sekretariat' : 'Leder'}, ${grant.council}`;
  });
  return labels.length > 0 ? labels.join('; ') : 'Ingen roller';
}

// ---- pages -------------------------------------------------------------------------------------

const RAW = Symbol('raw HTML');

/**
 * Markup written here, not escaped again.
 * @param {string} markup
 */
const raw = (markup) => ({ [RAW]: markup });

/** @param {unknown} value */
function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The one template of the pages: every value put in is escaped unless it is markup made by `html` or `raw`.
 * @param {TemplateStringsArray} strings
 * @param {...unknown} values
 */
function html(strings, ...values) {
  /** @param {unknown} value @returns {string} */
  const render = (value) => {
    if (Array.isArray(value)) return value.map(render).join('');
    if (value && typeof value === 'object' && RAW in value) return /** @type {Record<symbol, string>} */ (value)[RAW];
    if (value === undefined || value === null || value === false) return '';
    return escapeHtml(value);
  };
  return raw(strings.reduce((out, text, index) => out + text + (index < values.length ? render(values[index]) : ''), ''));
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1a1a1a; background: #f4f5f7; }
  body { margin: 0; }
  main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.75rem; margin: 0 0 .5rem; }
  p { margin: 0 0 1rem; }
  fieldset { border: 0; margin: 0 0 1.5rem; padding: 0; }
  legend { font-size: 1.15rem; font-weight: 600; margin-bottom: .5rem; padding: 0; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
  button { font: inherit; width: 100%; text-align: left; cursor: pointer; border: 2px solid #1e4c9a; border-radius: .5rem; background: #fff; color: #1a1a1a; padding: .75rem 1rem; }
  button:hover { background: #e8eefb; }
  button:focus-visible { outline: 3px solid #b3400c; outline-offset: 3px; }
  button.secondary { width: auto; border-color: #5a5a5a; }
  .name { display: block; font-weight: 600; }
  .what { display: block; color: #3d3d3d; }
  .demo { border-left: 4px solid #b3400c; padding-left: .75rem; }
`;

/**
 * @param {string} title
 * @param {{ [RAW]: string }} body
 * @param {string} [script] inline script whose hash the page's CSP allows
 */
function page(title, body, script) {
  return html`<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
${body}
</main>
${script ? raw(`<script>${script}</script>`) : ''}
</body>
</html>
`[RAW];
}

/**
 * The sign-in page's and the sign-out page's policy: nothing but its own style, and forms that post
 * here or lead back to the web app (a form's redirects are checked against form-action too).
 * @param {string[]} appUrls
 * @param {string} [script] the one inline script allowed, by hash
 */
function contentSecurityPolicy(appUrls, script) {
  const origins = [...new Set(appUrls.map((url) => new URL(url).origin))];
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    // oidc-provider adds the hash of its own auto-submitting form to script-src when there is one.
    `script-src ${script ? `'sha256-${createHash('sha256').update(script).digest('base64')}'` : "'self'"}`,
    `form-action 'self' ${origins.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * @param {string} uid
 * @param {Person[]} people
 */
function signInPage(uid, people) {
  const person = (/** @type {Person} */ p) => html`<li><button type="submit" name="sub" value="${p.sub}"><span class="name">${p.name}</span><span class="what">${whatTheyAre(p)}</span></button></li>`;
  const has = (/** @type {Person} */ p, /** @type {RoleGrant['role']} */ role) => p.roles.some((grant) => grant.role === role);
  const clerks = people.filter((p) => has(p, 'clerk'));
  const operators = people.filter((p) => !has(p, 'clerk') && has(p, 'admin'));
  const councils = people.filter((p) => !clerks.includes(p) && !operators.includes(p));
  const group = (/** @type {string} */ legend, /** @type {Person[]} */ members) =>
    members.length > 0 ? html`<fieldset><legend>${legend}</legend><ul>${members.map(person)}</ul></fieldset>` : '';
  return page(
    'Logg inn i Vedtaksrunde (demo)',
    html`<h1>Logg inn i Vedtaksrunde (demo)</h1>
<p class="demo">Dette er en demo: velg hvem du vil være. Det trengs ikke passord.</p>
<form method="post" action="/interaction/${uid}/login">
${group('Rådene', councils)}
${group('Utvalgssekretærer i kommunene', clerks)}
${group('Drift', operators)}
</form>
<form method="post" action="/interaction/${uid}/abort">
<button type="submit" class="secondary">Avbryt</button>
</form>`,
  );
}

/**
 * @param {string} heading
 * @param {string} text
 */
function messagePage(heading, text) {
  return page(heading, html`<h1>${heading}</h1><p>${text}</p>`);
}

// ---- the provider ------------------------------------------------------------------------------

/**
 * The resource indicator (RFC 8707) the api's tokens are issued for: oidc-provider wants an
 * absolute URI, and the audience itself is often a plain name such as "vedtaksrunde-api".
 * @param {string} audience
 */
function resourceIndicatorFor(audience) {
  return URL.canParse(audience) && /^[a-z][a-z0-9+.-]*:/i.test(audience) ? audience : `urn:vedtaksrunde:resource:${audience}`;
}

/**
 * Builds the provider for the settings and people; `listen` it through `handler`.
 * @param {Settings} settings
 * @param {Map<string, Person>} people
 */
async function createIdentityProvider(settings, people) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(signingKey);
  const resource = resourceIndicatorFor(settings.audience);
  const appOrigins = new Set(settings.appUrls.map((url) => new URL(url).origin));
  const pageCsp = contentSecurityPolicy(settings.appUrls);

  const provider = new Provider(settings.issuer, {
    clients: [
      {
        client_id: settings.clientId,
        client_name: 'Vedtaksrunde',
        application_type: 'web',
        // A single-page app keeps no secret: PKCE (required for public clients) stands in for it.
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: settings.appUrls.flatMap((url) => [`${url}/auth/callback`, `${url}/auth/silent`]),
        post_logout_redirect_uris: settings.appUrls.map((url) => `${url}/`),
      },
    ],
    pkce: { required: () => true },
    // The one client is public; no other way of authenticating a client is needed or offered.
    clientAuthMethods: ['none'],
    responseTypes: ['code'],
    scopes: ['openid'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [{ ...signingKey, kid, alg: 'RS256', use: 'sig' }] },
    ttl: {
      AccessToken: settings.accessTokenTtl,
      IdToken: settings.accessTokenTtl,
      AuthorizationCode: 60,
      Interaction: 15 * 60,
      // A working day: long enough for a demo, short enough that a forgotten tab signs out.
      Session: 10 * 60 * 60,
      Grant: 10 * 60 * 60,
    },
    findAccount: async (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: person.name, ...(person.email ? { email: person.email, email_verified: true } : {}) }),
      };
    },
    // The api reads who someone is and what they may do from the access token alone (API.md).
    extraTokenClaims: async (_ctx, token) => {
      const person = token.accountId ? people.get(token.accountId) : undefined;
      if (!person) return undefined;
      return { name: person.name, ...(person.email ? { email: person.email } : {}), roles: person.roles };
    },
    // The browser calls the token endpoint from the web app's origin; nothing else may.
    clientBasedCORS: (_ctx, origin, client) => client.clientId === settings.clientId && appOrigins.has(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The web app never names the api: every token it gets is for the api.
        defaultResource: async () => resource,
        // Without this an `openid` request without `resource` would get a token for userinfo, not the api.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`the only resource here is ${resource}`);
          return {
            scope: API_SCOPE,
            audience: settings.audience,
            accessTokenTTL: settings.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          // The web app sends its ID token along: then it is the web app asking, and the person
          // already chose to sign out there, so the page submits itself. Without one, ask.
          const known = Boolean(ctx.oidc.params?.id_token_hint);
          const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
          const script = known ? "document.getElementById('op.logoutForm').submit();" : undefined;
          ctx.set('content-security-policy', contentSecurityPolicy(settings.appUrls, script));
          ctx.type = 'html';
          ctx.body = page(
            'Logg ut av Vedtaksrunde (demo)',
            html`<h1>Logg ut av Vedtaksrunde (demo)</h1>
${known ? html`<p>Du logges ut …</p>` : html`<p>Vil du logge ut av Vedtaksrunde (demo)?</p>`}
${raw(confirmed)}
<button type="submit" form="op.logoutForm" autofocus>Logg ut</button>`,
            script,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = messagePage('Du er logget ut', 'Du er logget ut av Vedtaksrunde (demo). Du kan lukke denne siden.');
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Innloggingen gikk ikke',
        html`<h1>Innloggingen gikk ikke</h1>
<p>Gå tilbake til Vedtaksrunde og prøv igjen.</p>
<dl>${Object.entries(out).map(([key, value]) => html`<dt>${key}</dt><dd>${value}</dd>`)}</dl>`,
      );
    },
  });

  // Every page oidc-provider renders itself (sign-out, errors, its self-submitting forms) gets the
  // same policy as ours; it adds the hashes of its own inline scripts to script-src.
  provider.use(async (ctx, next) => {
    ctx.set('content-security-policy', pageCsp);
    await next();
  });
  for (const event of ['server_error', 'authorization.error', 'grant.error', 'end_session.error', 'userinfo.error']) {
    provider.on(event, (_ctx, error) => log(event === 'server_error' ? 'error' : 'warn', event, { error: error?.message, detail: error?.error_description }));
  }
  provider.on('grant.success', (ctx) => log('info', 'token issued', { sub: ctx.oidc.entities.Account?.accountId, client: ctx.oidc.client?.clientId }));

  const providerCallback = provider.callback();
  return {
    provider,
    /** @type {(request: Request, response: Response) => void} */
    handler: (request, response) => {
      const path = new URL(request.url ?? '/', 'http://idp.invalid').pathname;
      const interaction = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(path);
      if (!interaction) return void providerCallback(request, response);
      interactionRoute(provider, people, pageCsp, request, response, interaction[2] ?? '').catch((error) => {
        const expired = error instanceof errors.SessionNotFound;
        if (!expired) log('error', 'interaction failed', { error: error instanceof Error ? error.message : String(error) });
        if (response.headersSent) return void response.end();
        send(response, expired ? 400 : 500, pageCsp, expired
          ? messagePage('Innloggingen er utløpt', 'Gå tilbake til Vedtaksrunde og logg inn på nytt.')
          : messagePage('Noe gikk galt', 'Innloggingen kunne ikke fullføres. Gå tilbake til Vedtaksrunde og prøv igjen.'));
      });
    },
  };
}

/**
 * The sign-in itself: the page of people, the choice of one, and consent, which the web app, being
 * the installation's own, gets without asking.
 * @param {Provider} provider
 * @param {Map<string, Person>} people
 * @param {string} csp
 * @param {Request} request
 * @param {Response} response
 * @param {string} action
 */
async function interactionRoute(provider, people, csp, request, response, action) {
  if (action === '' && (request.method === 'GET' || request.method === 'HEAD')) {
    const details = await provider.interactionDetails(request, response);
    if (details.prompt.name === 'consent') return consent(provider, details, request, response);
    return send(response, 200, csp, signInPage(details.uid, [...people.values()]));
  }
  if (request.method !== 'POST' || action === '') {
    response.setHeader('Allow', action === '' ? 'GET, HEAD' : 'POST');
    return send(response, 405, csp, messagePage('Ikke tillatt', 'Denne adressen tar ikke imot slike forespørsler.'));
  }
  const details = await provider.interactionDetails(request, response);
  if (action === '/abort') {
    return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'Innloggingen ble avbrutt.' }, { mergeWithLastSubmission: false });
  }
  const form = await readForm(request);
  const person = form && people.get(form.get('sub') ?? '');
  if (!person) return send(response, 400, csp, messagePage('Velg en person', 'Velg en av personene på innloggingssiden.'));
  if (details.prompt.name !== 'login') return send(response, 409, csp, messagePage('Allerede logget inn', 'Gå tilbake til Vedtaksrunde og prøv igjen.'));
  log('info', 'signed in', { sub: person.sub });
  return provider.interactionFinished(request, response, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
}

/**
 * Grants what the provider found missing (scopes, claims, the api's scope) and resumes.
 * @param {Provider} provider
 * @param {Awaited<ReturnType<Provider['interactionDetails']>>} details
 * @param {Request} request
 * @param {Response} response
 */
async function consent(provider, details, request, response) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
  if (!grant) throw new errors.SessionNotFound('the grant of this sign-in is gone');
  const missing = /** @type {{ missingOIDCScope?: string[], missingOIDCClaims?: string[], missingResourceScopes?: Record<string, string[]> }} */ (prompt.details);
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  const grantId = await grant.save();
  return provider.interactionFinished(request, response, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
}

/**
 * @param {Request} request
 * @returns {Promise<URLSearchParams | null>} null when the body is not a small urlencoded form
 */
async function readForm(request) {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * @param {Response} response
 * @param {number} status
 * @param {string} csp
 * @param {string} body
 */
function send(response, status, csp, body) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}

/**
 * One JSON line per thing worth knowing, like the api's logs.
 * @param {'info' | 'warn' | 'error'} level
 * @param {string} msg
 * @param {Record<string, unknown>} [fields]
 */
function log(level, msg, fields = {}) {
  const stream = level === 'info' ? process.stdout : process.stderr;
  stream.write(`${JSON.stringify({ level, time: new Date().toISOString(), name: 'idp', msg, ...fields })}\n`);
}

async function main() {
  let settings;
  let people;
  try {
    settings = readSettings(process.env);
    people = readPeople(settings.peopleFile);
  } catch (error) {
    if (!(error instanceof ConfigurationProblem)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(EXIT_CONFIGURATION);
  }
  const { handler } = await createIdentityProvider(settings, people);
  const server = createServer(handler);
  server.on('error', (error) => {
    process.stderr.write(`[idp] cannot listen on port ${settings.port}: ${error.message}\n`);
    process.exit(1);
  });
  server.listen(settings.port, () => {
    process.stdout.write(
      `${JSON.stringify({ issuer: settings.issuer, jwksUrl: `${settings.issuer}/jwks`, clientId: settings.clientId, audience: settings.audience, appUrls: settings.appUrls, people: people.size })}\n`,
    );
  });
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      // Browsers keep connections alive; nothing held in them is worth waiting for.
      server.closeAllConnections();
    });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

import type { RequestHandler } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';
import { AppConfig } from '@app/config';

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of each kind of answer. The api's own answers are data and never a
 * page, so a browser that opens one may run and embed nothing; the pages get what each needs.
 */
export function contentSecurityPolicies(config: AppConfig): Record<'api' | 'docs' | 'board' | 'webApp', Directives> {
  const identityProvider = config.oidc ? [new URL(config.oidc.issuer).origin] : [];
  // A page of a library's own files, with inline styles, that calls the api under the same origin.
  const ownFilesPage = (baseUri: string): Directives => ({
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    baseUri: [baseUri],
    objectSrc: ["'none'"],
  });
  return {
    api: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    // Swagger UI: its scripts are files of its own (the document is in swagger-ui-init.js, not
    // inline); its page and components carry inline styles, and "Try it out" calls the api.
    docs: ownFilesPage("'none'"),
    // bull-board: a React app of its own files, with inline styles, a <base> element for its
    // relative links, and calls to its api under the same path. Its page asks for Google Fonts,
    // which stay blocked: an admin's browser should not tell a third party when the board is open.
    board: ownFilesPage("'self'"),
    // The web app runs only its own scripts and talks only to the api and the identity provider.
    webApp: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      // The browser fetches the provider's discovery document, keys and tokens itself.
      connectSrc: ["'self'", ...identityProvider],
      // A silent sign-in runs in a hidden frame: the provider's page, which returns to ours.
      frameSrc: ["'self'", ...identityProvider],
      frameAncestors: ["'self'"],
      formAction: ["'self'", ...identityProvider],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
  };
}

const DOCS = /^\/api\/docs(\/|$)/;
const BOARD = /^\/admin\/queues(\/|$)/;
// Answered by the api itself: data, redirects and problems. The public page sets its own stricter policy.
const API = /^\/(api|public|admin|app)(\/|$)/;

/**
 * helmet on every answer: a CSP for each kind (see contentSecurityPolicies), nosniff,
 * Referrer-Policy: no-referrer, frame-ancestors and X-Frame-Options, and HSTS only on an answer
 * that goes out over TLS (request.secure: the connection, or X-Forwarded-Proto from a trusted
 * proxy), since over plain http the header means nothing and a development host must stay reachable.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  const policies = contentSecurityPolicies(config);
  const withPolicy = (directives: Directives, frames: 'deny' | 'sameorigin') =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      strictTransportSecurity: false,
      xFrameOptions: { action: frames },
      // Nothing here embeds cross-origin resources that would have to opt in.
      crossOriginEmbedderPolicy: false,
    });
  const api = withPolicy(policies.api, 'deny');
  const docs = withPolicy(policies.docs, 'deny');
  const board = withPolicy(policies.board, 'deny');
  const webApp = withPolicy(policies.webApp, 'sameorigin');
  const hsts = strictTransportSecurity({ maxAge: 365 * 24 * 3600, includeSubDomains: true });

  return (request, response, next) => {
    const headers = DOCS.test(request.path) ? docs : BOARD.test(request.path) ? board : API.test(request.path) ? api : webApp;
    headers(request, response, (error?: unknown) => {
      if (error || !request.secure) return next(error);
      hsts(request, response, next);
    });
  };
}

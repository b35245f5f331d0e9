import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/** Where the build puts the web app; WEB_ROOT may point elsewhere (an image that keeps it apart). */
export function webRoot(): string {
  return resolve(process.env.WEB_ROOT ?? join(process.cwd(), 'dist', 'web'));
}

// Paths the api, the public page and the operators' board answer themselves.
const NOT_THE_APP = /^\/(api|public|admin|app)(\/|$)/;

/**
 * Serves the single-page app at `/`: its files, and index.html for every client route. Its
 * Content-Security-Policy (only its own scripts; talking only to the api and the identity
 * provider) is set with every other answer's, in security/security-headers.ts.
 */
export function serveWebApp(app: INestApplication): void {
  const root = webRoot();
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return;
  const index = readFileSync(indexFile);
  const files = express.static(root, {
    index: false,
    // /auth/silent is auth/silent.html: the page a silent sign-in returns to.
    extensions: ['html'],
    fallthrough: true,
    setHeaders: (response, path) => {
      // Vite names built assets by their content: a changed file is a new name.
      response.setHeader('Cache-Control', path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.use((request: Request, response: Response, next: NextFunction) => {
    if (NOT_THE_APP.test(request.path) || (request.method !== 'GET' && request.method !== 'HEAD')) return next();
    files(request, response, () => {
      // A missing asset is a 404, not the app: a stale tab asking for an old chunk must learn it is gone.
      if (request.path.startsWith('/assets/')) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.type('html').send(index);
    });
  });
}

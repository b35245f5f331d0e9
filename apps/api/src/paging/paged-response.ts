import { applyDecorators, Type } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Page } from '@app/application';

const LINK_HEADER = {
  Link: {
    description:
      'RFC 8288. `<…>; rel="next"` with the address of the next page (the same filters and `limit`, and an opaque `cursor`); absent on the last page.',
    schema: { type: 'string', example: '</api/councils/trondheimsregionen/rounds?limit=50&cursor=WyJyb3VuZHMiLCIyMDIy…>; rel="next"' },
  },
};

/** A list's 200: a JSON array of `type`, and the Link header to the next page. */
export function ApiPageResponse(type: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(ApiOkResponse({ type: [type], description: description ?? 'One page, in the list’s order', headers: LINK_HEADER }));
}

/**
 * The address of the page after this one: the request's own path and query (its filters), with
 * the page's `limit` and the next `cursor`. Root-relative, so it holds behind any host name.
 */
export function nextPagePath(request: Request, limit: number, cursor: string): string {
  const url = new URL(request.originalUrl, 'http://api.invalid');
  url.searchParams.delete('cursor');
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

/** Answers the page's items, with `Link: <…>; rel="next"` when there is a next page (API.md § Lists). */
export function answerPage<T>(request: Request, response: Response, limit: number, page: Page<T>): T[] {
  if (page.next) response.setHeader('Link', `<${nextPagePath(request, limit, page.next)}>; rel="next"`);
  return page.items;
}

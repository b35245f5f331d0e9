import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock, PUBLIC_ROUND_CURSOR, PublicStatusHandler } from '@app/application';
import { Public } from '../auth';
import { PUBLIC_STATUS_BAD_LINK_HTML, PUBLIC_STATUS_CSP, PUBLIC_STATUS_NOT_FOUND_HTML, olderRoundsPath, renderPublicStatus } from './public-status.html';

/**
 * `/public/{slug}`: the council's public status page, for anyone, outside the /api prefix. A page
 * for people rather than an API operation, so it is left out of the OpenAPI document, and an
 * unknown council gets a 404 page in HTML (not problem+json): a browser shows it as it is. So does
 * a link to older rounds whose cursor was not made here (400).
 */
@Public()
@ApiExcludeController()
@Controller('public')
export class PublicStatusController {
  constructor(
    private readonly status: PublicStatusHandler,
    private readonly clock: Clock,
  ) {}

  @Get(':slug')
  async page(@Param('slug') slug: string, @Query('cursor') cursor: unknown, @Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', PUBLIC_STATUS_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (cursor !== undefined && (typeof cursor !== 'string' || !PUBLIC_ROUND_CURSOR.decode(cursor))) {
      response.status(400).setHeader('Cache-Control', 'no-store');
      return PUBLIC_STATUS_BAD_LINK_HTML;
    }
    const view = await this.status.read(slug, { cursor });
    if (!view) {
      response.status(404).setHeader('Cache-Control', 'no-store');
      return PUBLIC_STATUS_NOT_FOUND_HTML;
    }
    // Public records that change a few times a day: a proxy or browser may keep them half a minute.
    response.setHeader('Cache-Control', 'public, max-age=30');
    if (view.older) response.setHeader('Link', `<${olderRoundsPath(view.council.slug, view.older)}>; rel="next"`);
    return renderPublicStatus(view, this.clock.now());
  }
}

import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock, PublicStatusHandler } from '@app/application';
import { Public } from '../auth';
import { PUBLIC_STATUS_CSP, PUBLIC_STATUS_NOT_FOUND_HTML, renderPublicStatus } from './public-status.html';

/**
 * `/public/{slug}`: the council's public status page, for anyone, outside the /api prefix. A page
 * for people rather than an API operation, so it is left out of the OpenAPI document, and an
 * unknown council gets a 404 page in HTML (not problem+json): a browser shows it as it is.
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
  async page(@Param('slug') slug: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const view = await this.status.read(slug);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', PUBLIC_STATUS_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (!view) {
      response.status(404).setHeader('Cache-Control', 'no-store');
      return PUBLIC_STATUS_NOT_FOUND_HTML;
    }
    // Public records that change a few times a day: a proxy or browser may keep them half a minute.
    response.setHeader('Cache-Control', 'public, max-age=30');
    return renderPublicStatus(view, this.clock.now());
  }
}

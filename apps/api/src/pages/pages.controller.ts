import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth';
import { RoundParams } from '../rounds/dto/round-params.dto';
import { ROUND_PAGE_HTML, ROUND_PAGE_SCRIPT } from './round-page.html';

const CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The pages links in notices open (`/app/rounds/{id}`). The page is the same for everyone; the
 * round is fetched by the browser with the person's own token, so the page itself tells nothing.
 */
@Public()
@ApiExcludeController()
@Controller('app')
export class PagesController {
  @Get('rounds/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CSP)
  @Header('Cache-Control', 'no-store')
  roundPage(@Param() _params: RoundParams): string {
    return ROUND_PAGE_HTML;
  }

  @Get('round-page.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  roundPageScript(): string {
    return ROUND_PAGE_SCRIPT;
  }
}

import { Controller, Get, Param, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth';
import { RoundParams } from '../rounds/dto/round-params.dto';

/**
 * The addresses links in notices and calendar feeds carry (`/app/rounds/{id}`): they lead to the
 * round's page in the web app, which asks the person to sign in and shows the round.
 */
@Public()
@ApiExcludeController()
@Controller('app')
export class PagesController {
  @Get('rounds/:id')
  @Redirect()
  roundPage(@Param() { id }: RoundParams) {
    return { url: `/rounds/${id}`, statusCode: 301 };
  }
}

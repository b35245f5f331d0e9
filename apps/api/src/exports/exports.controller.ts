import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExportRoundHandler, ExportedFile } from '@app/application';
import { Actor } from '@app/identity';
import { CurrentActor } from '../auth';
import { ApiProblems } from '../problem-details/api-problems.decorator';
import { RoundParams } from '../rounds/dto/round-params.dto';

const DISPOSITION = (extension: string) => ({
  'Content-Disposition': {
    description: 'Saves the file as round-<first 8 characters of the round id>',
    schema: { type: 'string', example: `attachment; filename="round-9b2c4e1a.${extension}"` },
  },
});

/**
 * The round for the case file (sak/arkiv), as CSV or PDF: for exactly those who may see the
 * round (404 for everyone else, as for `GET /api/rounds/{id}`).
 */
@ApiTags('rounds')
@ApiBearerAuth()
@ApiProblems(401)
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportRoundHandler) {}

  @Get('rounds/:id/export.csv')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The round for the case archive, as CSV',
    description:
      'RFC 4180 with CRLF line ends, UTF-8 with a byte order mark, `;` as the separator (what Excel in a Norwegian locale expects), ' +
      'headings in bokmål. Sections: the facts and the outcome; each member with status, meeting date, body, case number, ' +
      'protocol reference, votes and note; for a fee round the allocation with its sums (the new fees add up to the total); the audit trail. ' +
      'Amounts as in the API ("5194646.68"), dates YYYY-MM-DD, instants ISO 8601 in Oslo time. ' +
      'A cell that starts with = + - or @ (other than a plain negative number) gets a leading apostrophe, so a spreadsheet never runs it as a formula.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The CSV file, as an attachment',
    content: { 'text/csv': { schema: { type: 'string', example: 'Vedtaksrunde – arkivkopi;\r\nSak;Medlemsavgift 2023\r\n' } } },
    headers: DISPOSITION('csv'),
  })
  @ApiProblems(400, 404)
  async csv(@CurrentActor() actor: Actor, @Param() { id }: RoundParams): Promise<StreamableFile> {
    return download(await this.exports.csv(actor, id));
  }

  @Get('rounds/:id/export.pdf')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The round for the case archive, as PDF',
    description:
      'A4 in bokmål: the facts and the outcome, a table of the members\' decisions with their references, ' +
      'the fee allocation with its sums for a fee round, notes, and the audit trail; each page shows the round, when it was generated and its page number.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF file, as an attachment',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: DISPOSITION('pdf'),
  })
  @ApiProblems(400, 404)
  async pdf(@CurrentActor() actor: Actor, @Param() { id }: RoundParams): Promise<StreamableFile> {
    return download(await this.exports.pdf(actor, id));
  }
}

function download(file: ExportedFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.contentType,
    disposition: `attachment; filename="${file.fileName}"`,
    length: file.body.length,
  });
}

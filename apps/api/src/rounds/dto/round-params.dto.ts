import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { EVENT_LIST_CURSOR } from '@app/application';
import { PageQuery } from '../../paging/page-query.dto';

export class CouncilSlugParams {
  @ApiProperty({ example: 'trondheimsregionen' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lowercase letters, digits and hyphens' })
  slug!: string;
}

export class RoundParams {
  @ApiProperty({ format: 'uuid', example: '9b2c4e1a-7d3f-4a8e-b5c6-0f1e2d3c4b5a' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a round id (a UUID)' })
  id!: string;
}

export class MemberParams extends RoundParams {
  @ApiProperty({ example: '5031' })
  @Matches(/^\d{4}$/, { message: 'municipalityNumber must be a four-digit kommunenummer' })
  municipalityNumber!: string;
}

/** `GET /api/rounds/{id}/events?limit=&cursor=` */
export class ListEventsQueryDto extends PageQuery(EVENT_LIST_CURSOR) {}

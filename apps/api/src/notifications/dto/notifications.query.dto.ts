import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { NOTICE_LIST_CURSOR } from '@app/application';
import { PageQuery } from '../../paging/page-query.dto';

/** `GET /api/me/notifications?unread=&limit=&cursor=` */
export class ListNotificationsQueryDto extends PageQuery(NOTICE_LIST_CURSOR) {
  @ApiPropertyOptional({ type: Boolean, example: true, description: '`true`: only the notices not yet marked read' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'id must be a notice id (a UUID)' })
  id!: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DEFAULT_PAGE_LIMIT, KeyPart, MAX_PAGE_LIMIT, PageCursor, PageRequest } from '@app/application';
import { PageLimit } from '../validation/page-limit';
import { validatesWith } from '../validation/problem.validator';

type AnyPageCursor = PageCursor<readonly KeyPart[]>;

/** `?cursor=`: only the cursor a page of the same list handed out in its Link header; anything else is 400. */
export function PageCursorParam(codec: AnyPageCursor): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      description: 'Opaque: the position after which the page starts, from the `Link: <…>; rel="next"` header of the previous page. Leave out for the first page.',
      example: 'WyJyb3VuZHMiLCIyMDIyLTEwLTAxVDA4OjAwOjAwLjAwMDAwMFoiLCI5YjJjNGUxYS03ZDNmLTRhOGUtYjVjNi0wZjFlMmQzYzRiNWEiXQ',
    }),
    IsOptional(),
    IsString({ message: 'cursor must be given once' }),
    validatesWith('isPageCursor', (value) =>
      typeof value !== 'string' || codec.decode(value) ? undefined : 'is not a cursor of this list; follow the Link header of the previous page',
    ),
  );
}

/**
 * The query of a list: `limit` (1–200, default 50) and the `cursor` of its next page. A list's own
 * filters extend it: `class ListRoundsQueryDto extends PageQuery(ROUND_LIST_CURSOR) { status … }`.
 */
export function PageQuery(codec: AnyPageCursor) {
  class PageQueryDto {
    @PageLimit(MAX_PAGE_LIMIT, DEFAULT_PAGE_LIMIT)
    limit?: number;

    @PageCursorParam(codec)
    cursor?: string;
  }
  return PageQueryDto;
}

/** The page the validated query asks for. */
export function pageRequestOf(query: { limit?: number; cursor?: string }): PageRequest {
  return { limit: query.limit ?? DEFAULT_PAGE_LIMIT, cursor: query.cursor };
}

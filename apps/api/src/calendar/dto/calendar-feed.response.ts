import { ApiProperty } from '@nestjs/swagger';

const EXAMPLE_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6InZlZHRha3NydW5kZS1jYWxlbmRhcitqd3QifQ.eyJzdWIiOiJjbGVyay41MDI4In0.c2lnbmF0dXJl';

/** A personal calendar feed: the address to subscribe to in a calendar app. */
export class CalendarFeedResponse {
  @ApiProperty({
    description: 'Subscribe to this address; it carries the token, so keep it to yourself',
    example: `https://vedtak.example.no/api/councils/trondheimsregionen/calendar.ics?token=${EXAMPLE_TOKEN}`,
  })
  url!: string;

  @ApiProperty({ description: 'The feed token alone; accepted only in `?token=` of the feed it was issued for', example: EXAMPLE_TOKEN })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'When the feed stops answering; issue a new one before then', example: '2023-10-01T08:00:00.000Z' })
  expiresAt!: string;
}

/** The feed token in the query: calendar apps send no Authorization header. */
export const FEED_TOKEN_EXAMPLE = EXAMPLE_TOKEN;

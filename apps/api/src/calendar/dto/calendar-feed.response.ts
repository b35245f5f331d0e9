import { ApiProperty } from '@nestjs/swagger';

const EXAMPLE_TOKEN = 'q3Vx9LmT0bZfR2aWc8YkE1nHs5JdPu7G4oKtXiN6yQe';
const EXAMPLE_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

/** A personal calendar feed as issued: the address to subscribe to in a calendar app, shown this once. */
export class CalendarFeedResponse {
  @ApiProperty({ format: 'uuid', description: 'The feed, to list and revoke it by', example: EXAMPLE_ID })
  id!: string;

  @ApiProperty({
    description: 'Subscribe to this address; it carries the token, so keep it to yourself. It cannot be shown again: only a hash of the token is kept',
    example: `https://vedtak.example.no/api/councils/trondheimsregionen/calendar.ics?token=${EXAMPLE_TOKEN}`,
  })
  url!: string;

  @ApiProperty({ description: 'The feed token alone (32 random bytes, base64url); accepted only in `?token=` of the feed it was issued for', example: EXAMPLE_TOKEN })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'When the feed stops answering (at most 90 days on); issue a new one then', example: '2022-12-30T08:00:00.000Z' })
  expiresAt!: string;
}

/** One of your calendar feeds as listed: what it follows and how long it lives, never its token. */
export class CalendarFeedSummaryResponse {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_ID })
  id!: string;

  @ApiProperty({ enum: ['council', 'municipality'], example: 'council', description: 'What the feed follows' })
  scope!: 'council' | 'municipality';

  @ApiProperty({ type: String, nullable: true, example: 'trondheimsregionen', description: 'With scope `council`: the council’s slug; otherwise null' })
  council!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '5028', description: 'With scope `municipality`: its kommunenummer; otherwise null' })
  municipality!: string | null;

  @ApiProperty({ example: 'Trondheimsregionen', description: 'The council’s or the municipality’s name' })
  name!: string;

  @ApiProperty({ example: EXAMPLE_TOKEN.slice(0, 6), description: 'The first characters of the token in the feed’s address, to tell your feeds apart' })
  tokenPrefix!: string;

  @ApiProperty({ format: 'date-time', example: '2022-10-01T08:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', example: '2022-12-30T08:00:00.000Z' })
  expiresAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2022-10-02T06:00:00.000Z', description: 'When a calendar app last fetched it; null if never' })
  lastUsedAt!: string | null;

  @ApiProperty({ example: false, description: 'true once it has run out: it no longer answers, and can only be removed' })
  expired!: boolean;
}

/** The feed token in the query: calendar apps send no Authorization header. */
export const FEED_TOKEN_EXAMPLE = EXAMPLE_TOKEN;

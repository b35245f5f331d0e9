import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, ValidateIf } from 'class-validator';
import { EMAIL_NOTICE_KINDS, type EmailNoticeKind } from '@app/application';

/** One grant, exactly as the token carried it. */
export class RoleGrantResponse {
  @ApiProperty({ enum: ['admin', 'secretariat', 'leader', 'clerk'], example: 'secretariat' })
  role!: 'admin' | 'secretariat' | 'leader' | 'clerk';

  @ApiPropertyOptional({ description: 'Council slug; with `secretariat` and `leader`', example: 'trondheimsregionen' })
  council?: string;

  @ApiPropertyOptional({ description: 'Kommunenummer (four digits); with `clerk`', example: '5031' })
  municipality?: string;
}

/** Who the API takes the caller to be. */
export class MeResponse {
  @ApiProperty({ description: 'The token’s `sub`', example: 'kari.nordmann' })
  subject!: string;

  @ApiProperty({ description: 'The token’s `name`, or the subject when the token has none', example: 'Kari Nordmann' })
  name!: string;

  @ApiProperty({ type: [RoleGrantResponse], description: 'Grants this version understands; unknown roles are left out' })
  roles!: RoleGrantResponse[];
}

const EMAIL_OFF_DESCRIPTION =
  'The kinds of notice you take in the app only, without an e-mail; every notice is in the app whatever you choose. ' +
  `Empty: every kind also comes by e-mail. The kinds: ${EMAIL_NOTICE_KINDS.join(', ')}`;

/** The settings a person keeps for themselves. */
export class SettingsDto {
  @ApiProperty({ enum: ['nb', 'nn', 'en'], nullable: true, example: 'nn', description: 'Bokmål, nynorsk or English; null follows the municipality' })
  @IsIn(['nb', 'nn', 'en', null], { message: 'language must be one of nb, nn, en, or null' })
  language!: 'nb' | 'nn' | 'en' | null;

  @ApiPropertyOptional({
    enum: EMAIL_NOTICE_KINDS,
    isArray: true,
    example: ['reminder', 'escalation'],
    description: `${EMAIL_OFF_DESCRIPTION}. Left out: kept as it was`,
  })
  // Left out keeps the kinds as they were; null is no list of kinds.
  @ValidateIf((_settings, value) => value !== undefined)
  @IsArray({ message: 'emailOffKinds must be a list of kinds of notice' })
  @ArrayMaxSize(EMAIL_NOTICE_KINDS.length * 2)
  @IsIn(EMAIL_NOTICE_KINDS, { each: true, message: `emailOffKinds must hold only kinds of notice: ${EMAIL_NOTICE_KINDS.join(', ')}` })
  emailOffKinds?: EmailNoticeKind[];
}

export class SettingsResponse {
  @ApiProperty({ enum: ['nb', 'nn', 'en'], nullable: true, example: 'nn' })
  language!: 'nb' | 'nn' | 'en' | null;

  @ApiProperty({ enum: EMAIL_NOTICE_KINDS, isArray: true, example: ['reminder', 'escalation'], description: EMAIL_OFF_DESCRIPTION })
  emailOffKinds!: EmailNoticeKind[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

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

/** The settings a person keeps for themselves. */
export class SettingsDto {
  @ApiProperty({ enum: ['nb', 'nn', 'en'], nullable: true, example: 'nn', description: 'Bokmål, nynorsk or English; null follows the municipality' })
  @IsIn(['nb', 'nn', 'en', null], { message: 'language must be one of nb, nn, en, or null' })
  language!: 'nb' | 'nn' | 'en' | null;
}

export class SettingsResponse {
  @ApiProperty({ enum: ['nb', 'nn', 'en'], nullable: true, example: 'nn' })
  language!: 'nb' | 'nn' | 'en' | null;
}

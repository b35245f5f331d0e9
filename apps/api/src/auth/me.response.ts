import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

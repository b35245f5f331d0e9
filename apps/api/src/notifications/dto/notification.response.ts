import { ApiProperty } from '@nestjs/swagger';

const KINDS = ['reminder', 'overdue', 'escalation', 'settled', 'veto', 'in_force', 'extended', 'withdrawn', 'expired', 'postponed', 'forecast_late'];

/** A notice in the caller's inbox, in the language it was written in for them. */
export class NotificationResponse {
  @ApiProperty({ format: 'uuid', example: '0b7c2f0e-5d43-4a8e-9d0a-2f1c3b4a5d6e' })
  id!: string;

  @ApiProperty({ enum: KINDS, example: 'reminder', description: 'Why you were notified' })
  kind!: string;

  @ApiProperty({ example: 'Påminnelse: Medlemsavgift 2023 har frist 15. desember 2022' })
  subject!: string;

  @ApiProperty({
    example:
      'Malvik har ennå ikke registrert vedtaket i saken «Medlemsavgift 2023» fra Trondheimsregionen. Fristen er 15. desember 2022 (om 7 dager).\n\n' +
      'Registrer vedtaket når saken er behandlet, eller meld inn møtedatoen saken er satt opp til.\n\n' +
      'Åpne saken: https://vedtak.example.no/rounds/3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a',
    description: 'Plain text; ends with the link to the page it concerns',
  })
  body!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/rounds/3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a',
    description: 'The page to open, relative to the site. Opening it decides nothing.',
  })
  link!: string | null;

  @ApiProperty({ format: 'date-time', example: '2022-12-08T07:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2022-12-08T09:30:00.000Z', description: 'When you first marked it read; null while unread' })
  readAt!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '3f2a9c1e-0d1b-4c5e-8f7a-6b5c4d3e2f1a' })
  roundId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'trondheimsregionen', description: 'The council’s slug' })
  council!: string | null;
}

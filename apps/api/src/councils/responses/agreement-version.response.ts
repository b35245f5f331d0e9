import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgreementVersionView } from '@app/application';
import type { MinimumContentLetter } from '@app/domain';

/** One section of the text. */
export class AgreementSectionResponse {
  @ApiProperty({ example: '§ 1' })
  ref!: string;

  @ApiProperty({ example: 'Navn' })
  heading!: string;

  @ApiProperty({ example: 'Rådets navn er Trondheimsregionen.' })
  text!: string;
}

/** Where the text answers each letter of § 18-4. */
export class MinimumContentResponse {
  @ApiPropertyOptional({ example: '§ 1' }) a?: string;
  @ApiPropertyOptional({ example: '§ 2' }) b?: string;
  @ApiPropertyOptional({ example: '§ 5' }) c?: string;
  @ApiPropertyOptional({ example: '§ 3' }) d?: string;
  @ApiPropertyOptional({ example: '§ 4' }) e?: string;
  @ApiPropertyOptional({ example: '§ 9' }) f?: string;
  @ApiPropertyOptional({ example: '§ 11' }) g?: string;
  @ApiPropertyOptional({ example: '§ 12' }) h?: string;
}

/** A version of the samarbeidsavtale: draft (adoption null) or adopted. */
export class AgreementVersionResponse implements AgreementVersionView {
  @ApiProperty({ format: 'uuid', example: '3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11' })
  id!: string;

  @ApiProperty({ description: '1, 2, 3 … within the council’s agreement', example: 1 })
  number!: number;

  @ApiProperty({ example: 'Samarbeidsavtale for Trondheimsregionen 2023' })
  title!: string;

  @ApiProperty({ format: 'date', description: 'The day it is meant to take effect', example: '2023-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ type: [AgreementSectionResponse] })
  sections!: AgreementSectionResponse[];

  @ApiProperty({ type: MinimumContentResponse })
  minimumContent!: MinimumContentResponse;

  @ApiProperty({
    type: [String],
    enum: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    description: 'Letters of § 18-4 the version does not answer yet; it cannot be sent out or recorded as adopted until this is empty',
    example: [],
  })
  missingMinimumContent!: MinimumContentLetter[];

  @ApiProperty({ enum: ['round', 'onboarding'], nullable: true, description: 'How it was adopted; null while a draft', example: 'onboarding' })
  adoption!: 'round' | 'onboarding' | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day the last member adopted it', example: '2020-06-18' })
  adoptedOn!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The day it came into force: effectiveFrom, or adoptedOn if later; null while a draft',
    example: '2023-01-01',
  })
  inForceFrom!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The municipality in the path: `/api/municipalities/{municipalityNumber}/…`. */
export class MunicipalityParams {
  @ApiProperty({ description: 'Kommunenummer (four digits)', example: '5028' })
  @Matches(/^\d{4}$/, { message: 'municipalityNumber must be a four-digit kommunenummer' })
  municipalityNumber!: string;
}

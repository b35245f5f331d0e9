import { ApiProperty } from '@nestjs/swagger';
import type { CostKeyView } from '@app/application';

/** A cost key with its weights as exact decimal strings (trailing zeros dropped). */
export class CostKeyResponse implements CostKeyView {
  @ApiProperty({ example: 'percent-2025' })
  key!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Weight per kommunenummer',
    example: { '5001': '67', '5035': '8', '5031': '5', '5028': '6', '5029': '3', '5059': '6', '5027': '2', '5054': '3' },
  })
  weights!: Record<string, string>;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemResponse {
  @ApiProperty({ example: 'meetingDate' }) field!: string;
  @ApiProperty({ example: 'meetingDate must be a real date written YYYY-MM-DD' }) message!: string;
}

/** An RFC 9457 problem document, as every error is answered (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: '/problems/validation-failed' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'The request has a field that cannot be accepted.' }) detail!: string;
  @ApiPropertyOptional({ example: '/api/rounds/3f2a9c1e-…/decisions/5031' }) instance?: string;
  @ApiPropertyOptional({ example: 'DECISION.BODY_NOT_ALLOWED', description: 'Stable code of a rule that refused the request' }) code?: string;
  @ApiPropertyOptional({ type: [FieldProblemResponse] }) errors?: FieldProblemResponse[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'What the refusing rule names, such as the missing items of § 18-4 or the members a cost key leaves out',
    example: { field: 'subject.versionId', missing: ['c', 'g'] },
  })
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ example: 'expired', description: 'With `/problems/invalid-token`: why the token was refused' }) reason?: string;
}

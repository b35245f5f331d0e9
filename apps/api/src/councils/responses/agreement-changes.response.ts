import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgreementChangesView } from '@app/application';
import type { SectionChange, SectionChangeKind, TextPart } from '@app/domain';

/** A stretch of a section's text: kept, added by the version, or removed by it. */
export class TextPartResponse implements TextPart {
  @ApiProperty({ enum: ['same', 'added', 'removed'], example: 'removed' })
  kind!: 'same' | 'added' | 'removed';

  @ApiProperty({ description: 'The words, with their spaces and line breaks', example: 'ni' })
  text!: string;
}

/** One section of the comparison. */
export class SectionChangeResponse implements SectionChange {
  @ApiProperty({ description: 'The section’s ref, by which the two versions’ sections are matched', example: '§ 4' })
  ref!: string;

  @ApiProperty({
    enum: ['added', 'removed', 'changed', 'same'],
    description: '`changed` when the heading or the wording differs',
    example: 'changed',
  })
  change!: SectionChangeKind;

  @ApiProperty({ description: 'The heading in the version (in the one compared against, for a removed section)', example: 'Representantskapet' })
  heading!: string;

  @ApiPropertyOptional({ description: 'The heading before, only when the version changes it', example: 'Representantskap' })
  previousHeading?: string;

  @ApiProperty({
    type: [TextPartResponse],
    description:
      'The text word by word: `same` and `removed` parts in order give the text compared against, `same` and `added` the version’s text',
    example: [
      { kind: 'same', text: 'Hver deltaker har ' },
      { kind: 'removed', text: 'ni' },
      { kind: 'added', text: 'to' },
      { kind: 'same', text: ' medlemmer i representantskapet.' },
    ],
  })
  parts!: TextPartResponse[];
}

/** What a version of the agreement changes, section by section. */
export class AgreementChangesResponse implements AgreementChangesView {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The version compared against: `against` when given, else the one in force today; null when none is in force (every section is then `added`)',
    example: '3f1c9a52-4b7e-4c1d-9a43-2f0e8b6d7c11',
  })
  against!: string | null;

  @ApiProperty({
    type: [SectionChangeResponse],
    description: 'In the version’s order; a removed section where it stood in the version compared against',
  })
  sections!: SectionChangeResponse[];
}

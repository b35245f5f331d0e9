import { Alert, Details, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { CheckmarkCircleIcon, XMarkOctagonIcon } from '@navikt/aksel-icons';
import type { Schemas } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { launchMessages } from './launch.messages';

export const MINIMUM_CONTENT_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;

/**
 * Kommuneloven § 18-4 a–h for the chosen version, shown before it is sent: where the text answers
 * each item, or that it does not. The api refuses to send a version that lacks any.
 */
export function MinimumContentCheck({ version }: { version: Schemas['AgreementVersionResponse'] }) {
  const t = useMessages(launchMessages);
  const missing = version.missingMinimumContent;
  return (
    <div className="stack">
      {missing.length > 0 ? (
        <Alert data-color="danger">
          <Heading level={2} data-size="xs">
            {t('minimumMissingTitle')}
          </Heading>
          <Paragraph>{t('minimumMissingText', { letters: missing.join(', ') })}</Paragraph>
        </Alert>
      ) : (
        <Paragraph className="launch-check-ok">
          <CheckmarkCircleIcon aria-hidden />
          {t('minimumComplete')}
        </Paragraph>
      )}
      <div className="table-scroll">
        <Table data-size="sm" zebra>
          <caption>{t('minimumCaption', { title: version.title })}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('minimumItem')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('minimumWhere')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {MINIMUM_CONTENT_LETTERS.map((letter) => {
              const ref = version.minimumContent[letter]?.trim();
              return (
                <Table.Row key={letter} data-letter={letter}>
                  <Table.HeaderCell scope="row">
                    {letter}) {t(`item_${letter}`)}
                  </Table.HeaderCell>
                  <Table.Cell>
                    {ref && !missing.includes(letter) ? (
                      ref
                    ) : (
                      <Tag data-color="danger" data-size="sm" className="status-tag">
                        <XMarkOctagonIcon aria-hidden />
                        {t('minimumAbsent')}
                      </Tag>
                    )}
                  </Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      </div>
      <Details>
        <Details.Summary>{t('sectionsSummary', { count: version.sections.length })}</Details.Summary>
        <Details.Content>
          {version.sections.length === 0 ? (
            <Paragraph>{t('sectionsNone')}</Paragraph>
          ) : (
            <ul className="launch-sections">
              {version.sections.map((section) => (
                <li key={section.ref}>
                  <span className="launch-sections__ref">{section.ref}</span> {section.heading}
                </li>
              ))}
            </ul>
          )}
        </Details.Content>
      </Details>
    </div>
  );
}

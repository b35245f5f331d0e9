import { Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import type { Schemas } from '../../api/client';
import { RoundStatusTag } from '../../components/status-tag';
import { formatDate } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { dashboardMessages } from './dashboard.messages';

type SettledRound = Schemas['SettledRoundResponse'];

const OSLO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Oslo of an instant: a round settled 00:30 Oslo time was settled that day. */
function osloDate(instant: string): string {
  return OSLO_DATE.format(new Date(instant));
}

/** The last ten rounds settled: the outcome in words, the day, and whose decision settled it. */
export function SettledRounds({ rounds, nameOf }: { rounds: readonly SettledRound[]; nameOf: (municipalityNumber: string) => string }) {
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  if (rounds.length === 0) return <Paragraph>{t('noSettled')}</Paragraph>;
  return (
    <div className="table-scroll">
      <Table zebra data-size="sm" className="settled">
        <caption>{t('settledCaption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('roundColumn')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('outcomeColumn')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('settledColumn')}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('decisiveColumn')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rounds.map((round) => {
            const day = osloDate(round.settledAt);
            return (
              <Table.Row key={round.id} data-round={round.id}>
                <Table.HeaderCell scope="row">
                  <Link asChild>
                    <RouterLink to={`/rounds/${round.id}`}>{round.title}</RouterLink>
                  </Link>
                </Table.HeaderCell>
                <Table.Cell>
                  <RoundStatusTag status={round.status} />
                </Table.Cell>
                <Table.Cell>
                  <time dateTime={round.settledAt}>{formatDate(day, language)}</time>
                </Table.Cell>
                <Table.Cell>{nameOf(round.decisiveMunicipalityNumber)}</Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

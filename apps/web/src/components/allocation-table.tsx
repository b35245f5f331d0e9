import { Table } from '@digdir/designsystemet-react';
import { allocationMessages } from '../i18n/allocation.messages';
import { formatChange, formatNok } from '../i18n/formats';
import { useLanguage, useMessages } from '../i18n/i18n';
import { sumNok } from './money';

export interface AllocationRow {
  municipalityNumber: string;
  name: string;
  currentFee: string;
  newFee: string;
  change: string;
}

/**
 * Each member's fee before and after, with the sum row added up here from the rows themselves
 * (exactly, in øre): the papers this replaces had sums that did not add up.
 */
export function AllocationTable({ rows, caption }: { rows: readonly AllocationRow[]; caption?: string }) {
  const t = useMessages(allocationMessages);
  const { language } = useLanguage();
  const sum = {
    currentFee: sumNok(rows.map((row) => row.currentFee)),
    newFee: sumNok(rows.map((row) => row.newFee)),
    change: sumNok(rows.map((row) => row.change)),
  };
  return (
    // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
    <div className="table-scroll ds-focus" tabIndex={0} role="region" aria-label={caption ?? t('caption')}>
      <Table zebra data-size="sm" className="allocation-table">
        <caption>{caption ?? t('caption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('member')}</Table.HeaderCell>
            <Table.HeaderCell scope="col" className="numeric">
              {t('currentFee')}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" className="numeric">
              {t('newFee')}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col" className="numeric">
              {t('change')}
            </Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.municipalityNumber} data-municipality={row.municipalityNumber}>
              <Table.HeaderCell scope="row">{row.name}</Table.HeaderCell>
              <Table.Cell className="numeric">{formatNok(row.currentFee, language)}</Table.Cell>
              <Table.Cell className="numeric">{formatNok(row.newFee, language)}</Table.Cell>
              <Table.Cell className="numeric">{formatChange(row.change, language)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
        <tfoot>
          <Table.Row data-sum>
            <Table.HeaderCell scope="row">{t('sum')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{formatNok(sum.currentFee, language)}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{formatNok(sum.newFee, language)}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{formatChange(sum.change, language)}</Table.HeaderCell>
          </Table.Row>
        </tfoot>
      </Table>
    </div>
  );
}

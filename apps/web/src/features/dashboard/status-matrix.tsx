import { Link, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import type { Schemas } from '../../api/client';
import { MemberStatusTag } from '../../components/status-tag';
import { formatDate } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { dashboardMessages } from './dashboard.messages';

type Member = Schemas['DashboardMemberResponse'];
type DashboardRound = Schemas['DashboardRoundResponse'];
type Cell = Schemas['DashboardCellResponse'];

function CellContent({ cell }: { cell: Cell | undefined }) {
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  return (
    <div className="matrix__cell">
      <MemberStatusTag status={cell?.status ?? null} overdue={cell?.overdue ?? false} />
      {cell?.meetingDate && (
        <span className="matrix__date">
          {t('meeting', { date: formatDate(cell.meetingDate, language) })}
        </span>
      )}
      {cell?.status === 'postponed' && cell.nextMeetingDate && (
        <span className="matrix__date">{t('nextMeeting', { date: formatDate(cell.nextMeetingDate, language) })}</span>
      )}
    </div>
  );
}

/**
 * Members down, open rounds across: each cell says the member's status in that round in words,
 * with its icon and the overdue mark, and the meeting it is set up for or decided in.
 */
export function StatusMatrix({ members, rounds }: { members: readonly Member[]; rounds: readonly DashboardRound[] }) {
  const t = useMessages(dashboardMessages);
  // The api sends one cell per member in the members' order; found by number all the same.
  const cells = rounds.map((round) => new Map(round.cells.map((cell) => [cell.municipalityNumber, cell])));
  return (
    <div className="table-scroll">
      <Table border data-size="sm" className="matrix">
        <caption>{t('matrixCaption')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('memberColumn')}</Table.HeaderCell>
            {rounds.map((round) => (
              <Table.HeaderCell key={round.id} scope="col">
                <Link asChild>
                  <RouterLink to={`/rounds/${round.id}`}>{round.title}</RouterLink>
                </Link>
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {members.map((member) => (
            <Table.Row key={member.municipalityNumber} data-municipality={member.municipalityNumber}>
              <Table.HeaderCell scope="row">{member.name}</Table.HeaderCell>
              {rounds.map((round, index) => (
                <Table.Cell key={round.id} data-round={round.id}>
                  <CellContent cell={cells[index].get(member.municipalityNumber)} />
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}

import { Heading, Link, Paragraph, Spinner, Table, Tabs, Tag } from '@digdir/designsystemet-react';
import { CheckmarkCircleIcon, ExclamationmarkTriangleIcon } from '@navikt/aksel-icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import type { Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/query-state';
import { formatDate, formatNok } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { costKeyShares, formatShare, formatWeight } from './cost-key-shares';
import { launchMessages } from './launch.messages';

type Council = Schemas['CouncilResponse'];

/** The council as the round will find it: members, cost keys and agreement versions. */
export function CouncilSetup({
  council,
  costKeys,
  versions,
  agreementInForce,
  feesInForce,
}: {
  council: Council;
  costKeys: readonly UseQueryResult<Schemas['CostKeyResponse']>[];
  versions: UseQueryResult<Schemas['AgreementVersionResponse'][]>;
  agreementInForce: UseQueryResult<Schemas['AgreementVersionResponse'] | null>;
  feesInForce: UseQueryResult<Schemas['FeeScheduleResponse'] | null>;
}) {
  const t = useMessages(launchMessages);
  return (
    <section className="stack" aria-labelledby="launch-setup-heading">
      <Heading level={2} data-size="md" id="launch-setup-heading">
        {t('setupHeading', { council: council.name })}
      </Heading>
      <Tabs defaultValue="members">
        <Tabs.List>
          <Tabs.Tab value="members">{t('tabMembers')}</Tabs.Tab>
          <Tabs.Tab value="cost-keys">{t('tabCostKeys')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('tabVersions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members">
          <Members council={council} feesInForce={feesInForce} />
        </Tabs.Panel>
        <Tabs.Panel value="cost-keys">
          <CostKeys council={council} costKeys={costKeys} />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <Versions versions={versions} agreementInForce={agreementInForce} />
        </Tabs.Panel>
      </Tabs>
    </section>
  );
}

function Members({ council, feesInForce }: { council: Council; feesInForce: UseQueryResult<Schemas['FeeScheduleResponse'] | null> }) {
  const t = useMessages(launchMessages);
  const { language } = useLanguage();
  const schedule = feesInForce.data ?? null;
  const feeOf = new Map(schedule?.fees.map((line) => [line.municipalityNumber, line.amount]) ?? []);
  const anyLeft = council.members.some((member) => member.leftOn !== null);
  return (
    <div className="stack launch-panel">
      {feesInForce.isError && <ProblemAlert error={feesInForce.error} onRetry={() => void feesInForce.refetch()} />}
      <div className="table-scroll">
        <Table data-size="sm" zebra>
          <caption>{t('membersCaption', { council: council.name, count: council.members.filter((member) => member.leftOn === null).length })}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('memberName')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('memberNumber')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('memberJoined')}</Table.HeaderCell>
              {anyLeft && <Table.HeaderCell scope="col">{t('memberLeft')}</Table.HeaderCell>}
              <Table.HeaderCell scope="col" className="numeric">
                {t('memberRepresentatives')}
              </Table.HeaderCell>
              <Table.HeaderCell scope="col" className="numeric">
                {t('memberFee')}
              </Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {council.members.map((member) => {
              const fee = member.leftOn === null ? feeOf.get(member.municipalityNumber) : undefined;
              return (
                <Table.Row key={`${member.municipalityNumber}-${member.joinedOn}`}>
                  <Table.HeaderCell scope="row">{member.name}</Table.HeaderCell>
                  <Table.Cell>{member.municipalityNumber}</Table.Cell>
                  <Table.Cell>{formatDate(member.joinedOn, language)}</Table.Cell>
                  {anyLeft && <Table.Cell>{member.leftOn ? formatDate(member.leftOn, language) : t('stillMember')}</Table.Cell>}
                  <Table.Cell className="numeric">{member.representatives}</Table.Cell>
                  <Table.Cell className="numeric">{fee ? formatNok(fee, language) : t('none')}</Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      </div>
      <Paragraph data-size="sm">
        <Link asChild>
          <RouterLink to={`/councils/${encodeURIComponent(council.slug)}/members`}>{t('membersPage')}</RouterLink>
        </Link>
      </Paragraph>
      <Paragraph data-size="sm">
        {schedule
          ? t('feesInForce', { date: formatDate(schedule.inForceFrom, language), total: formatNok(schedule.total, language) })
          : feesInForce.isSuccess
            ? t('noFeesInForce')
            : null}
      </Paragraph>
    </div>
  );
}

function CostKeys({ council, costKeys }: { council: Council; costKeys: readonly UseQueryResult<Schemas['CostKeyResponse']>[] }) {
  const t = useMessages(launchMessages);
  const { language } = useLanguage();
  const nameOf = new Map(council.members.map((member) => [member.municipalityNumber, member.name]));
  if (council.costKeys.length === 0) return <Paragraph className="launch-panel">{t('noCostKeys')}</Paragraph>;
  return (
    <div className="stack launch-panel">
      {council.costKeys.map((key, index) => {
        const query = costKeys[index];
        if (!query || query.isPending) return <Spinner key={key} aria-label={t('loadingCostKey', { key })} data-size="sm" />;
        if (query.isError) return <ProblemAlert key={key} error={query.error} onRetry={() => void query.refetch()} />;
        const { shares, sum } = costKeyShares(query.data.weights);
        return (
          <div key={key} className="table-scroll">
            <Table data-size="sm" zebra>
              <caption>{t('costKeyCaption', { key })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('memberName')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="numeric">
                    {t('weight')}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="numeric">
                    {t('share')}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {shares.map((share) => (
                  <Table.Row key={share.municipalityNumber}>
                    <Table.HeaderCell scope="row">{nameOf.get(share.municipalityNumber) ?? share.municipalityNumber}</Table.HeaderCell>
                    <Table.Cell className="numeric">{formatWeight(share.weight, language)}</Table.Cell>
                    <Table.Cell className="numeric">{formatShare(share.shareBasisPoints, language)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
              <tfoot>
                <Table.Row>
                  <Table.HeaderCell scope="row">{t('sum')}</Table.HeaderCell>
                  <Table.HeaderCell className="numeric">{formatWeight(sum, language)}</Table.HeaderCell>
                  <Table.HeaderCell className="numeric">{formatShare(10000n, language)}</Table.HeaderCell>
                </Table.Row>
              </tfoot>
            </Table>
          </div>
        );
      })}
    </div>
  );
}

function Versions({
  versions,
  agreementInForce,
}: {
  versions: UseQueryResult<Schemas['AgreementVersionResponse'][]>;
  agreementInForce: UseQueryResult<Schemas['AgreementVersionResponse'] | null>;
}) {
  const t = useMessages(launchMessages);
  const { language } = useLanguage();
  if (versions.isPending) return <Spinner aria-label={t('loadingVersions')} data-size="sm" />;
  if (versions.isError) return <ProblemAlert error={versions.error} onRetry={() => void versions.refetch()} />;
  if (versions.data.length === 0) return <Paragraph className="launch-panel">{t('noVersions')}</Paragraph>;
  const inForce = agreementInForce.data ?? null;
  return (
    <div className="stack launch-panel">
      <div className="table-scroll">
        <Table data-size="sm" zebra>
          <caption>{t('versionsCaption')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col" className="numeric">
                {t('versionNumber')}
              </Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('versionTitle')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('versionEffectiveFrom')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('versionState')}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{t('versionMinimum')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {versions.data.map((version) => (
              <Table.Row key={version.id}>
                <Table.Cell className="numeric">{version.number}</Table.Cell>
                <Table.HeaderCell scope="row">{version.title}</Table.HeaderCell>
                <Table.Cell>{formatDate(version.effectiveFrom, language)}</Table.Cell>
                <Table.Cell>
                  <VersionState version={version} inForce={inForce} />
                </Table.Cell>
                <Table.Cell>
                  {version.missingMinimumContent.length === 0 ? (
                    <Tag data-color="success" data-size="sm" className="status-tag">
                      <CheckmarkCircleIcon aria-hidden />
                      {t('minimumCompleteShort')}
                    </Tag>
                  ) : (
                    <Tag data-color="danger" data-size="sm" className="status-tag">
                      <ExclamationmarkTriangleIcon aria-hidden />
                      {t('minimumMissingShort', { letters: version.missingMinimumContent.join(', ') })}
                    </Tag>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </div>
  );
}

function VersionState({
  version,
  inForce,
}: {
  version: Schemas['AgreementVersionResponse'];
  /** The version in force today, as the api says; null when none is. */
  inForce: Schemas['AgreementVersionResponse'] | null;
}) {
  const t = useMessages(launchMessages);
  const { language } = useLanguage();
  if (inForce?.id === version.id) {
    return (
      <Tag data-color="success" data-size="sm" className="status-tag">
        <CheckmarkCircleIcon aria-hidden />
        {t('versionInForce', { date: formatDate(version.inForceFrom ?? version.effectiveFrom, language) })}
      </Tag>
    );
  }
  if (version.adoption === null) {
    return (
      <Tag data-color="neutral" data-size="sm" className="status-tag">
        {t('versionDraft')}
      </Tag>
    );
  }
  // Adopted but not in force today: either still to come, or replaced by the one in force.
  const replaced = inForce?.inForceFrom != null && version.inForceFrom != null && version.inForceFrom <= inForce.inForceFrom;
  return (
    <Tag data-color="info" data-size="sm" className="status-tag">
      {t(replaced ? 'versionSuperseded' : 'versionAdoptedFuture', { date: formatDate(version.inForceFrom ?? version.effectiveFrom, language) })}
    </Tag>
  );
}

import {
  Alert,
  Button,
  Checkbox,
  ErrorSummary,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Radio,
  Select,
  Spinner,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { FormEvent, MouseEvent, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiProblem, Schemas } from '../../api/client';
import { membersNeeded, useDecisionRuleWords } from '../../components/decision-rule-text';
import { ProblemAlert } from '../../components/query-state';
import { useDraft } from '../../components/use-draft';
import { formatDate, formatNok } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { AllocationPreview } from './allocation-preview';
import {
  EMPTY_DRAFT,
  LaunchDraft,
  LaunchField,
  MAJORITY_FRACTIONS,
  MAX_TITLE_LENGTH,
  RoundKind,
  RoundTo,
  RuleChoice,
  checkDraft,
  decisionRuleOf,
  parseReminderDays,
  parseTotal,
} from './launch-draft';
import { launchMessages } from './launch.messages';
import { useAllocationPreview, useDebouncedValue, useLaunchRound } from './launch.queries';
import { problemForField, problemText } from './launch-problems';
import { MinimumContentCheck } from './minimum-content-check';

type Council = Schemas['CouncilResponse'];
type AgreementVersion = Schemas['AgreementVersionResponse'];

const PREVIEW_DELAY_MS = 300;

/** Where each field of the request is typed, in the order the form shows them. */
const FIELD_INPUT: Record<LaunchField, string> = {
  'subject.total': 'launch-total',
  'subject.costKey': 'launch-cost-key',
  'subject.effectiveFrom': 'launch-effective-from',
  'subject.roundTo': 'launch-round-to-ore',
  'subject.versionId': 'launch-version',
  decisionRule: 'launch-rule-unanimity',
  title: 'launch-title',
  deadline: 'launch-deadline',
  reminderDaysBefore: 'launch-reminders',
};

const FIELDS_OF: Record<RoundKind, LaunchField[]> = {
  fees: ['subject.total', 'subject.costKey', 'subject.effectiveFrom', 'subject.roundTo', 'decisionRule', 'title', 'deadline', 'reminderDaysBefore'],
  agreement: ['subject.versionId', 'title', 'deadline', 'reminderDaysBefore'],
};

/** The launch form: the subject, the round's terms, the money or the § 18-4 check, and what will be sent. */
export function LaunchForm({ council, versions }: { council: Council; versions: UseQueryResult<AgreementVersion[]> }) {
  const t = useMessages(launchMessages);
  const { language } = useLanguage();
  const navigate = useNavigate();
  const [draft, setDraft, discardDraft] = useDraft<LaunchDraft>(`launch-${council.slug}`, EMPTY_DRAFT);
  // Each refused attempt shows the error summary anew, which takes focus so the list is read out.
  const [attempt, setAttempt] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<LaunchField>>(new Set());
  const launch = useLaunchRound(council.slug);
  const sending = useRef(false);

  const versionList = versions.data ?? [];
  const costKey = council.costKeys.includes(draft.costKey) ? draft.costKey : (council.costKeys[0] ?? '');
  const checked = checkDraft(draft, { versions: versionList, costKey });
  const version = versionList.find((candidate) => candidate.id === draft.versionId);
  const currentMembers = council.members.filter((member) => member.leftOn === null).length;

  const total = parseTotal(draft.total);
  const totalValue = total.ok ? total.value : null;
  const previewInput = useMemo(
    () => (draft.kind === 'fees' && totalValue && costKey ? { total: totalValue, costKey, roundTo: draft.roundTo } : null),
    [draft.kind, totalValue, costKey, draft.roundTo],
  );
  const settledInput = useDebouncedValue(previewInput, PREVIEW_DELAY_MS);
  const preview = useAllocationPreview(council.slug, settledInput);
  const previewReady = previewInput !== null && settledInput !== null;

  const update = (patch: Partial<LaunchDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    // A refusal was about what was sent; once the form changes it no longer describes it.
    if (launch.isError) launch.reset();
  };
  const touch = (field: LaunchField, value: string) => {
    if (value.trim() !== '' && !touched.has(field)) setTouched(new Set(touched).add(field));
  };

  const problemValues = { letters: version?.missingMinimumContent.join(', ') ?? '', costKey };
  const fieldError = (field: LaunchField): string | undefined => {
    const own = checked.problems[field];
    if (own && (attempt > 0 || touched.has(field))) return t(own.key, own.values);
    const refused = problemForField(launch.error, field, t, problemValues);
    if (refused) return refused;
    // The preview names its fields without the `subject.` of the launch request.
    if (previewReady && (field === 'subject.total' || field === 'subject.costKey')) {
      return problemForField(preview.error, field.slice('subject.'.length), t);
    }
    return undefined;
  };

  const shownErrors = FIELDS_OF[draft.kind].flatMap((field) => {
    const message = fieldError(field);
    return message ? [{ field, message }] : [];
  });
  const generalProblem = launch.isError && !FIELDS_OF[draft.kind].some((field) => problemForField(launch.error, field, t)) ? launch.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    if (!checked.request) {
      setAttempt((count) => count + 1);
      return;
    }
    sending.current = true;
    launch.mutate(checked.request, {
      onSuccess: (round) => {
        // Discarded once the round's page has taken over, so this form does not store itself again on the way out.
        void Promise.resolve(navigate(`/rounds/${round.id}`)).then(discardDraft);
      },
      onError: () => setAttempt((count) => count + 1),
      onSettled: () => {
        sending.current = false;
      },
    });
  };

  const goToField = (event: MouseEvent<HTMLAnchorElement>, field: LaunchField) => {
    const input = document.getElementById(FIELD_INPUT[field]);
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.scrollIntoView({ block: 'center' });
  };

  const reminderDays = parseReminderDays(draft.reminderDays);
  const ruleWords = useDecisionRuleWords();
  const chosenRule = (draft.kind === 'fees' && decisionRuleOf(draft)) || { kind: 'unanimity' as const };

  return (
    <form className="launch-form stack" noValidate onSubmit={submit} aria-label={t('formLabel')}>
      {attempt > 0 && shownErrors.length > 0 && (
        <ErrorSummary key={attempt}>
          <ErrorSummary.Heading level={2}>{t('errorSummaryHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {shownErrors.map(({ field, message }) => (
              <ErrorSummary.Item key={field}>
                <ErrorSummary.Link href={`#${FIELD_INPUT[field]}`} onClick={(event) => goToField(event, field)}>
                  {message}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}

      <Fieldset>
        <Fieldset.Legend className="launch-legend">{t('kindLegend')}</Fieldset.Legend>
        <Radio
          name="launch-kind"
          value="fees"
          label={t('kindFees')}
          description={t('kindFeesDescription')}
          checked={draft.kind === 'fees'}
          onChange={() => update({ kind: 'fees' })}
        />
        <Radio
          name="launch-kind"
          value="agreement"
          label={t('kindAgreement')}
          description={t('kindAgreementDescription')}
          checked={draft.kind === 'agreement'}
          onChange={() => update({ kind: 'agreement' })}
        />
      </Fieldset>

      {draft.kind === 'fees' ? (
        <>
          <Fieldset className="launch-fieldset">
            <Fieldset.Legend className="launch-legend">{t('feesLegend')}</Fieldset.Legend>
            <Textfield
              id={FIELD_INPUT['subject.total']}
              label={t('totalLabel')}
              description={t('totalDescription')}
              inputMode="decimal"
              autoComplete="off"
              value={draft.total}
              onChange={(event) => update({ total: event.target.value })}
              onBlur={(event) => touch('subject.total', event.target.value)}
              error={fieldError('subject.total')}
            />
            <Field>
              <Label>{t('costKeyLabel')}</Label>
              <Field.Description>{t('costKeyDescription')}</Field.Description>
              <Select
                id={FIELD_INPUT['subject.costKey']}
                value={costKey}
                onChange={(event) => update({ costKey: event.target.value })}
                aria-invalid={fieldError('subject.costKey') ? true : undefined}
              >
                {council.costKeys.length === 0 && (
                  <Select.Option value="" disabled>
                    {t('noCostKeys')}
                  </Select.Option>
                )}
                {council.costKeys.map((key) => (
                  <Select.Option key={key} value={key}>
                    {key}
                  </Select.Option>
                ))}
              </Select>
              {fieldError('subject.costKey') && <ValidationMessage>{fieldError('subject.costKey')}</ValidationMessage>}
            </Field>
            <Textfield
              id={FIELD_INPUT['subject.effectiveFrom']}
              type="date"
              label={t('effectiveFromLabel')}
              description={t('effectiveFromDescription')}
              value={draft.effectiveFrom}
              onChange={(event) => update({ effectiveFrom: event.target.value })}
              onBlur={(event) => touch('subject.effectiveFrom', event.target.value)}
              error={fieldError('subject.effectiveFrom')}
            />
            <Fieldset>
              <Fieldset.Legend>{t('roundToLegend')}</Fieldset.Legend>
              <Fieldset.Description>{t('roundToDescription')}</Fieldset.Description>
              {(['ore', 'krone'] as const satisfies readonly RoundTo[]).map((unit) => (
                <Radio
                  key={unit}
                  id={unit === 'ore' ? FIELD_INPUT['subject.roundTo'] : undefined}
                  name="launch-round-to"
                  value={unit}
                  label={t(unit === 'ore' ? 'roundToOre' : 'roundToKrone')}
                  checked={draft.roundTo === unit}
                  onChange={() => update({ roundTo: unit })}
                />
              ))}
              {fieldError('subject.roundTo') && <ValidationMessage>{fieldError('subject.roundTo')}</ValidationMessage>}
            </Fieldset>
          </Fieldset>
          <AllocationPreview query={preview} ready={previewReady} />
          <DecisionRuleChoice draft={draft} members={currentMembers} error={fieldError('decisionRule')} onChange={update} />
        </>
      ) : (
        <Fieldset className="launch-fieldset">
          <Fieldset.Legend className="launch-legend">{t('agreementLegend')}</Fieldset.Legend>
          {versions.isPending ? (
            <Spinner aria-label={t('loadingVersions')} data-size="md" />
          ) : versions.isError ? (
            <ProblemAlert error={versions.error} onRetry={() => void versions.refetch()} />
          ) : (
            <>
              <Field>
                <Label>{t('versionLabel')}</Label>
                <Field.Description>{t('versionDescription')}</Field.Description>
                <Select
                  id={FIELD_INPUT['subject.versionId']}
                  value={version ? version.id : ''}
                  onChange={(event) => update({ versionId: event.target.value })}
                  aria-invalid={fieldError('subject.versionId') ? true : undefined}
                >
                  <Select.Option value="">{versionList.length === 0 ? t('noVersions') : t('versionChoose')}</Select.Option>
                  {versionList.map((candidate) => (
                    <Select.Option key={candidate.id} value={candidate.id} disabled={candidate.adoption !== null}>
                      {t(candidate.adoption === null ? 'versionOption' : 'versionOptionAdopted', {
                        number: candidate.number,
                        title: candidate.title,
                        date: formatDate(candidate.effectiveFrom, language),
                      })}
                    </Select.Option>
                  ))}
                </Select>
                {fieldError('subject.versionId') && <ValidationMessage>{fieldError('subject.versionId')}</ValidationMessage>}
              </Field>
              {version && <MinimumContentCheck version={version} />}
            </>
          )}
          <Paragraph data-rule-agreement>{t('ruleAgreement')}</Paragraph>
        </Fieldset>
      )}

      <Fieldset className="launch-fieldset">
        <Fieldset.Legend className="launch-legend">{t('roundLegend')}</Fieldset.Legend>
        <Textfield
          id={FIELD_INPUT.title}
          label={t('titleLabel')}
          description={t('titleDescription')}
          maxLength={MAX_TITLE_LENGTH}
          value={draft.title}
          onChange={(event) => update({ title: event.target.value })}
          error={fieldError('title')}
        />
        <Textfield
          id={FIELD_INPUT.deadline}
          type="date"
          label={t('deadlineLabel')}
          description={t('deadlineDescription')}
          value={draft.deadline}
          onChange={(event) => update({ deadline: event.target.value })}
          onBlur={(event) => touch('deadline', event.target.value)}
          error={fieldError('deadline')}
        />
        <Textfield
          id={FIELD_INPUT.reminderDaysBefore}
          label={t('remindersLabel')}
          description={t('remindersDescription')}
          inputMode="numeric"
          autoComplete="off"
          value={draft.reminderDays}
          onChange={(event) => update({ reminderDays: event.target.value })}
          onBlur={(event) => touch('reminderDaysBefore', event.target.value)}
          error={fieldError('reminderDaysBefore')}
        />
        <Checkbox
          label={t('publicLabel')}
          description={t('publicDescription')}
          checked={draft.isPublic}
          onChange={(event) => update({ isPublic: event.target.checked })}
        />
        <Checkbox
          label={t('expiresLabel')}
          description={t('expiresDescription')}
          checked={draft.expiresAutomatically}
          onChange={(event) => update({ expiresAutomatically: event.target.checked })}
        />
      </Fieldset>

      <section className="launch-summary stack" aria-labelledby="launch-summary-heading">
        <Heading level={2} data-size="sm" id="launch-summary-heading">
          {t('summaryHeading')}
        </Heading>
        {checked.request ? (
          <>
            <Paragraph>
              {t('summary', {
                subject:
                  draft.kind === 'fees' && total.ok
                    ? t('summarySubjectFees', { total: formatNok(total.value, language), date: formatDate(draft.effectiveFrom, language) })
                    : t('summarySubjectAgreement', { title: version?.title ?? '' }),
                count: currentMembers,
                deadline: formatDate(draft.deadline, language),
              })}
            </Paragraph>
            <ul className="launch-summary__list">
              <li>{draft.title.trim() ? t('summaryTitle', { title: draft.title.trim() }) : t('summaryTitleDefault')}</li>
              {draft.kind === 'fees' && <li>{t('summaryFrozen', { costKey, unit: t(draft.roundTo === 'krone' ? 'roundToKrone' : 'roundToOre') })}</li>}
              <li>{ruleWords(chosenRule)}.</li>
              <li>
                {reminderDays && reminderDays.length > 0 ? t('summaryReminders', { days: reminderDays.join(', ') }) : t('summaryNoReminders')}
              </li>
              <li>{t(draft.expiresAutomatically ? 'summaryExpires' : 'summaryStaysOpen')}</li>
              <li>{t(draft.isPublic ? 'summaryPublic' : 'summaryNotPublic')}</li>
            </ul>
          </>
        ) : (
          <Paragraph>{t('summaryIncomplete', { count: currentMembers })}</Paragraph>
        )}
        {generalProblem && (
          <Alert data-color="danger" role="alert">
            <Heading level={3} data-size="xs">
              {t('launchFailed')}
            </Heading>
            <Paragraph>
              {generalProblem instanceof ApiProblem ? problemText(generalProblem, t, problemValues) : String(generalProblem)}
            </Paragraph>
          </Alert>
        )}
        <div className="row">
          <Button type="submit" disabled={launch.isPending} loading={launch.isPending}>
            {t('send')}
          </Button>
          <Paragraph role="status">{launch.isPending ? t('sending') : ''}</Paragraph>
        </div>
      </section>
    </form>
  );
}

const RULE_CHOICES: ReadonlyArray<{ rule: RuleChoice; label: LaunchMessageKey; description: LaunchMessageKey }> = [
  { rule: 'unanimity', label: 'ruleUnanimity', description: 'ruleUnanimityDescription' },
  { rule: 'count', label: 'ruleCount', description: 'ruleCountDescription' },
  { rule: 'weight', label: 'ruleWeight', description: 'ruleWeightDescription' },
];

type LaunchMessageKey = keyof (typeof launchMessages)['nb'];

/** How a fee round is decided: unanimity unless the secretariat chooses a qualified majority, and then its share. */
function DecisionRuleChoice({
  draft,
  members,
  error,
  onChange,
}: {
  draft: LaunchDraft;
  members: number;
  error: string | undefined;
  onChange: (patch: Partial<LaunchDraft>) => void;
}) {
  const t = useMessages(launchMessages);
  const chosen = RULE_CHOICES.some((choice) => choice.rule === draft.rule) ? draft.rule : 'unanimity';
  const share = decisionRuleOf(draft)?.atLeast ?? MAJORITY_FRACTIONS[0];
  return (
    <Fieldset className="launch-fieldset">
      <Fieldset.Legend className="launch-legend">{t('ruleLegend')}</Fieldset.Legend>
      <Fieldset.Description>{t('ruleDescription')}</Fieldset.Description>
      {RULE_CHOICES.map(({ rule, label, description }) => (
        <Radio
          key={rule}
          id={`launch-rule-${rule}`}
          name="launch-rule"
          value={rule}
          label={t(label)}
          description={t(description)}
          checked={chosen === rule}
          onChange={() => onChange({ rule })}
          aria-invalid={error ? true : undefined}
        />
      ))}
      {chosen !== 'unanimity' && (
        <Fieldset>
          <Fieldset.Legend>{t('ruleAtLeastLegend')}</Fieldset.Legend>
          {MAJORITY_FRACTIONS.map((fraction) => (
            <Radio
              key={fraction}
              id={`launch-rule-at-least-${fraction.replace('/', '-')}`}
              name="launch-rule-at-least"
              value={fraction}
              label={
                chosen === 'count'
                  ? t('ruleAtLeastCount', {
                      fraction,
                      needed: membersNeeded({ kind: 'qualified_majority', by: 'count', atLeast: fraction }, members) ?? '',
                      total: members,
                    })
                  : t('ruleAtLeastOption', { fraction })
              }
              checked={share === fraction}
              onChange={() => onChange({ atLeast: fraction })}
            />
          ))}
        </Fieldset>
      )}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

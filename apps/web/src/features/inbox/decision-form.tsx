import {
  Alert,
  Button,
  ErrorSummary,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Radio,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ComponentRef, FormEvent, MouseEvent, useEffect, useRef, useState } from 'react';
import { ApiProblem, Schemas, api, data } from '../../api/client';
import { useDraft } from '../../components/use-draft';
import { useMessages } from '../../i18n/i18n';
import { FormField, fieldMessage, isFormField } from './decision-problems';
import { inboxMessages } from './inbox.messages';

export type InboxItem = Schemas['MunicipalityInboxResponse']['items'][number];
type Decision = Schemas['RegisterDecisionDto']['decision'];
type Body = 'kommunestyre' | 'bystyre';
export type Registered = Schemas['RegisterDecisionResponse'];

const DECISIONS: readonly Decision[] = ['scheduled', 'adopted', 'rejected', 'adopted_with_amendments', 'postponed'];
const HINTS: Partial<Record<Decision, 'scheduledHint' | 'amendmentsHint' | 'postponedHint'>> = {
  scheduled: 'scheduledHint',
  adopted_with_amendments: 'amendmentsHint',
  postponed: 'postponedHint',
};

/** What the clerk has typed, kept as typed (strings) so a reload gives back exactly that. */
interface DecisionDraft {
  decision: Decision | '';
  meetingDate: string;
  nextMeetingDate: string;
  body: Body;
  caseNumber: string;
  protocolRef: string;
  votesFor: string;
  votesAgainst: string;
  votesBlank: string;
  note: string;
  /** The member decision's ETag when the form was opened or the case fetched again: If-Match guards against what others did meanwhile. */
  etag: string;
  /** The Idempotency-Key of the last submission and what it carried: a retry of the same content reuses it, so it registers once. */
  submission: { key: string; fingerprint: string } | null;
}

type Values = Omit<DecisionDraft, 'etag' | 'submission'>;

/** What is registered already is the starting point: a scheduled meeting becomes the meeting that decides. */
function initialDraft(item: InboxItem): DecisionDraft {
  const registered = item.member.decision;
  return {
    decision: '',
    meetingDate: (item.member.status === 'postponed' ? registered?.nextMeetingDate : registered?.meetingDate) ?? '',
    nextMeetingDate: '',
    body: registered?.body ?? 'kommunestyre',
    caseNumber: registered?.caseNumber ?? '',
    protocolRef: registered?.protocolRef ?? '',
    votesFor: '',
    votesAgainst: '',
    votesBlank: '',
    note: registered?.note ?? '',
    etag: item.member.etag,
    submission: null,
  };
}

function valuesOf(draft: DecisionDraft): Values {
  const { etag: _etag, submission: _submission, ...values } = draft;
  return values;
}

const blankToUndefined = (text: string) => (text.trim() ? text.trim() : undefined);
const count = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The request body: only what the chosen decision takes, blank texts left out. */
function requestBody(values: Values): Schemas['RegisterDecisionDto'] {
  const decided = values.decision !== '' && values.decision !== 'scheduled';
  const anyVote = [values.votesFor, values.votesAgainst, values.votesBlank].some((vote) => vote.trim() !== '');
  return {
    // An unchosen decision goes as it is, so the api names the field like any other problem.
    decision: values.decision as Decision,
    meetingDate: values.meetingDate,
    body: values.body,
    caseNumber: blankToUndefined(values.caseNumber),
    protocolRef: blankToUndefined(values.protocolRef),
    votes:
      decided && anyVote
        ? ({ for: count(values.votesFor), against: count(values.votesAgainst), blank: count(values.votesBlank) } as Schemas['VotesDto'])
        : undefined,
    note: blankToUndefined(values.note),
    nextMeetingDate: values.decision === 'postponed' ? blankToUndefined(values.nextMeetingDate) : undefined,
  };
}

/** A v4 UUID; `crypto.randomUUID` only exists on secure origins, so plain http falls back to the same from random bytes. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface SubmitVariables {
  body: Schemas['RegisterDecisionDto'];
  key: string;
  etag: string;
}

/**
 * The kommunestyre's decision for one round: sent with the ETag read when the form opened
 * (If-Match) and an Idempotency-Key kept for every retry of the same content, so a double click
 * or a retry after a lost answer registers once.
 */
export function DecisionForm({
  item,
  municipalityNumber,
  onClose,
  onRegistered,
  onReload,
}: {
  item: InboxItem;
  municipalityNumber: string;
  onClose(): void;
  onRegistered(result: Registered, values: { title: string; decision: Decision; meetingDate: string }): void;
  onReload(): Promise<InboxItem | undefined>;
}) {
  const t = useMessages(inboxMessages);
  const queryClient = useQueryClient();
  const roundId = item.round.id;
  const idBase = `decision-${roundId}`;
  const initial = initialDraft(item);
  const [draft, setDraft, discard] = useDraft<DecisionDraft>(`decision-${roundId}-${municipalityNumber}`, initial);
  const inFlight = useRef(false);
  const [attempt, setAttempt] = useState(0);
  const [reloaded, setReloaded] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<ComponentRef<typeof ErrorSummary>>(null);
  const problemRef = useRef<HTMLDivElement>(null);
  const reloadedRef = useRef<HTMLDivElement>(null);

  const mutation = useMutation({
    mutationFn: async ({ body, key, etag }: SubmitVariables) =>
      data(
        await api.PUT('/api/rounds/{id}/decisions/{municipalityNumber}', {
          params: { path: { id: roundId, municipalityNumber }, header: { 'Idempotency-Key': key, 'If-Match': etag } },
          body,
        }),
      ),
    onSuccess: (result, { body }) => {
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['round', roundId] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      // The form goes in the same update, so the emptied draft is never written back.
      discard();
      onRegistered(result, { title: item.round.title, decision: body.decision, meetingDate: body.meetingDate });
    },
    onError: () => setAttempt((n) => n + 1),
    onSettled: () => {
      inFlight.current = false;
    },
  });

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // After a refusal the person is taken to what says why: the summary of fields, or the problem.
  useEffect(() => {
    if (attempt === 0) return;
    (summaryRef.current ?? problemRef.current)?.focus();
  }, [attempt]);

  useEffect(() => {
    if (reloaded) reloadedRef.current?.focus();
  }, [reloaded]);

  const problem = mutation.error;
  const apiProblem = problem instanceof ApiProblem ? problem : null;
  const fieldErrors = new Map<string, string>();
  if (apiProblem && (apiProblem.status === 400 || apiProblem.status === 422)) {
    for (const error of apiProblem.errors) {
      if (!fieldErrors.has(error.field)) fieldErrors.set(error.field, fieldMessage(apiProblem, error, t));
    }
  }
  const stale = apiProblem?.status === 412;
  const errorOf = (field: FormField) => fieldErrors.get(field);
  const inputId = (field: string) => `${idBase}-${field.replace('.', '-')}`;

  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A second press while the first is on its way is the same submission; the key covers the rest.
    if (inFlight.current) return;
    const body = requestBody(valuesOf(draft));
    const fingerprint = JSON.stringify([body, draft.etag]);
    const key = draft.submission?.fingerprint === fingerprint ? draft.submission.key : newIdempotencyKey();
    setDraft((current) => ({ ...current, submission: { key, fingerprint } }));
    setReloaded(false);
    inFlight.current = true;
    mutation.mutate({ body, key, etag: draft.etag });
  };

  const reload = async () => {
    const fresh = await onReload();
    if (fresh) setDraft((current) => ({ ...current, etag: fresh.member.etag }));
    mutation.reset();
    setReloaded(true);
  };

  const close = () => {
    // Nothing typed: nothing to keep, and a later opening starts from what is registered then.
    if (JSON.stringify(valuesOf(draft)) === JSON.stringify(valuesOf(initial))) discard();
    onClose();
  };

  const goTo = (field: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const target = document.getElementById(inputId(field === 'votes' ? 'votes.for' : field));
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  };

  const decision = draft.decision;
  const decided = decision !== '' && decision !== 'scheduled';
  const meetingHint =
    decision === 'scheduled'
      ? t('meetingDateScheduled')
      : decision === 'postponed'
        ? t('meetingDatePostponed')
        : decided
          ? t('meetingDateDecided')
          : t('meetingDateAny');
  const referenceHint = (hint: string) => (decision === 'scheduled' ? `${hint} ${t('optionalForScheduled')}` : hint);

  return (
    <section className="decision-form" id={`${idBase}-form`} aria-labelledby={`${idBase}-heading`}>
      <Heading level={3} data-size="sm" id={`${idBase}-heading`} ref={headingRef} tabIndex={-1}>
        {t('formHeading', { title: item.round.title })}
      </Heading>
      <Paragraph data-size="sm">{t('formIntro')}</Paragraph>

      {fieldErrors.size > 0 && (
        <ErrorSummary ref={summaryRef} key={attempt}>
          <ErrorSummary.Heading level={4}>{t('errorSummary')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {[...fieldErrors].map(([field, message]) => (
              <ErrorSummary.Item key={field}>
                {isFormField(field) ? (
                  <ErrorSummary.Link href={`#${inputId(field === 'votes' ? 'votes.for' : field)}`} onClick={goTo(field)}>
                    {message}
                  </ErrorSummary.Link>
                ) : (
                  message
                )}
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}

      {stale && (
        <Alert data-color="warning" ref={problemRef} tabIndex={-1}>
          <Heading level={4} data-size="xs">
            {t('stale')}
          </Heading>
          <Paragraph>{t('staleText')}</Paragraph>
          <Button variant="secondary" data-size="sm" onClick={() => void reload()}>
            {t('reload')}
          </Button>
        </Alert>
      )}
      {reloaded && (
        <Alert data-color="info" role="status" ref={reloadedRef} tabIndex={-1}>
          {t('reloaded')}
        </Alert>
      )}
      {problem && !stale && fieldErrors.size === 0 && (
        <Alert data-color="danger" ref={problemRef} tabIndex={-1}>
          <Heading level={4} data-size="xs">
            {apiProblem?.status === 409 ? t('conflict') : t('failed')}
          </Heading>
          <Paragraph>
            {apiProblem?.status === 401 ? t('signInAgain') : apiProblem ? apiProblem.detail || apiProblem.title : t('networkFailed')}
          </Paragraph>
        </Alert>
      )}

      <form className="stack" noValidate onSubmit={submit}>
        <Fieldset>
          <Fieldset.Legend>{t('decisionLegend')}</Fieldset.Legend>
          {DECISIONS.map((choice, index) => (
            <Radio
              key={choice}
              id={index === 0 ? inputId('decision') : undefined}
              name={`${idBase}-decision`}
              value={choice}
              label={t(choice)}
              description={HINTS[choice] ? t(HINTS[choice]) : undefined}
              checked={decision === choice}
              onChange={() => set('decision')(choice)}
            />
          ))}
          {errorOf('decision') && <ValidationMessage>{errorOf('decision')}</ValidationMessage>}
        </Fieldset>

        <Textfield
          id={inputId('meetingDate')}
          type="date"
          label={t('meetingDate')}
          description={meetingHint}
          value={draft.meetingDate}
          onChange={(event) => set('meetingDate')(event.target.value)}
          error={errorOf('meetingDate')}
          size={12}
        />

        {decision === 'postponed' && (
          <Textfield
            id={inputId('nextMeetingDate')}
            type="date"
            label={t('nextMeetingDate')}
            description={t('nextMeetingDateHint')}
            value={draft.nextMeetingDate}
            onChange={(event) => set('nextMeetingDate')(event.target.value)}
            error={errorOf('nextMeetingDate')}
            size={12}
          />
        )}

        <Field>
          <Label>{t('body')}</Label>
          <Field.Description>{t('bodyHint')}</Field.Description>
          <Select id={inputId('body')} value={draft.body} onChange={(event) => set('body')(event.target.value as Body)} width="auto">
            <Select.Option value="kommunestyre">{t('bodyKommunestyre')}</Select.Option>
            <Select.Option value="bystyre">{t('bodyBystyre')}</Select.Option>
          </Select>
          {errorOf('body') && <ValidationMessage>{errorOf('body')}</ValidationMessage>}
        </Field>

        <Textfield
          id={inputId('caseNumber')}
          label={t('caseNumber')}
          description={referenceHint(t('caseNumberHint'))}
          value={draft.caseNumber}
          onChange={(event) => set('caseNumber')(event.target.value)}
          error={errorOf('caseNumber')}
          autoComplete="off"
          size={16}
        />

        <Textfield
          id={inputId('protocolRef')}
          label={t('protocolRef')}
          description={referenceHint(t('protocolRefHint'))}
          value={draft.protocolRef}
          onChange={(event) => set('protocolRef')(event.target.value)}
          error={errorOf('protocolRef')}
          autoComplete="off"
        />

        {decided && (
          <Fieldset>
            <Fieldset.Legend>{t('votesLegend')}</Fieldset.Legend>
            <Fieldset.Description>{t('votesHint')}</Fieldset.Description>
            <div className="decision-form__votes">
              {(
                [
                  ['votes.for', 'votesFor'],
                  ['votes.against', 'votesAgainst'],
                  ['votes.blank', 'votesBlank'],
                ] as const
              ).map(([field, key]) => (
                <Textfield
                  key={field}
                  id={inputId(field)}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  size={6}
                  label={t(key)}
                  value={draft[key]}
                  onChange={(event) => set(key)(event.target.value)}
                  error={errorOf(field)}
                />
              ))}
            </div>
            {errorOf('votes') && <ValidationMessage>{errorOf('votes')}</ValidationMessage>}
          </Fieldset>
        )}

        <Textfield
          id={inputId('note')}
          multiline
          rows={3}
          label={t('note')}
          description={t('noteHint')}
          value={draft.note}
          onChange={(event) => set('note')(event.target.value)}
          error={errorOf('note')}
        />

        <div className="row">
          <Button type="submit" disabled={mutation.isPending} loading={mutation.isPending}>
            {t('send')}
          </Button>
          <Button type="button" variant="tertiary" onClick={close}>
            {t('close')}
          </Button>
        </div>
      </form>
    </section>
  );
}

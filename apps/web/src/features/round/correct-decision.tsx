import { Button, Dialog, Heading, Paragraph, Spinner, Textfield } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Schemas, api, data } from '../../api/client';
import { ProblemAlert } from '../../components/query-state';
import { MemberStatusTag } from '../../components/status-tag';
import { useDraft } from '../../components/use-draft';
import { commonMessages } from '../../i18n/common.messages';
import { formatDate } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { FormErrors, FormProblem, NO_PROBLEM, hasProblem, problemFromError } from './form-problem';
import { roundMessages } from './round.messages';
import { MemberDecision, Round, RoundMember, newIdempotencyKey, useMemberDecision, useRoundChanged } from './round.queries';

type Registration = Schemas['RegisterDecisionDto'];
type Decision = Registration['decision'];
type Registered = Schemas['DecisionResponse'];
type CorrectionField = 'caseNumber' | 'protocolRef' | 'note' | 'reason';

// § 18-4 leaves the decision to the kommunestyre: the secretariat may only mend the references, and
// the api takes that as a correction only of a decision or a postponement (of a scheduled case it is
// the clerk's next step, refused to the secretariat).
const CORRECTABLE: readonly Decision[] = ['adopted', 'rejected', 'adopted_with_amendments', 'postponed'];

function isCorrectable(status: RoundMember['status']): status is Decision {
  return (CORRECTABLE as readonly string[]).includes(status);
}

/** The registration the correction is made to: sent back unchanged, so that only the references change. */
interface Basis {
  /** Its ETag: a correction of anything newer is refused (412). */
  etag: string;
  revision: number | null;
  status: RoundMember['status'];
  overdue: boolean;
  meetingDate: Registered['meetingDate'];
  nextMeetingDate: Registered['nextMeetingDate'];
  body: Registered['body'];
  votes: Registered['votes'];
  caseNumber: string;
  protocolRef: string;
  note: string;
}

interface CorrectionDraft {
  open: boolean;
  basis: Basis | null;
  caseNumber: string;
  protocolRef: string;
  note: string;
  reason: string;
  /** The last body sent and its Idempotency-Key: sending the same again is a retry and reuses the key. */
  attempt: { key: string; body: string } | null;
}

const EMPTY: CorrectionDraft = {
  open: false,
  basis: null,
  caseNumber: '',
  protocolRef: '',
  note: '',
  reason: '',
  attempt: null,
};

/** Whether the secretariat can correct a member's references at all: a decision or a postponement is registered and the round is not closed. */
export function canBeCorrected(round: Round, member: RoundMember): boolean {
  return member.decision !== null && isCorrectable(member.status) && ['open', 'approved', 'rejected'].includes(round.status);
}

/** The secretariat's correction of one member's references, with a reason; the decision itself is shown, not edited. */
export function CorrectDecision({ round, member, onDone }: { round: Round; member: RoundMember; onDone: (message: string) => void }) {
  const t = useMessages(roundMessages);
  const common = useMessages(commonMessages);
  const number = member.municipalityNumber;
  const [draft, setDraft, discard] = useDraft<CorrectionDraft>(`round.${round.id}.correct.${number}`, EMPTY);
  const [problem, setProblem] = useState<FormProblem<CorrectionField>>(NO_PROBLEM);
  const decision = useMemberDecision(round.id, number, draft.open);
  const changed = useRoundChanged(round.id);
  const ids = idsFor(number);
  const { basis } = draft;

  // The form is filled once from what is registered; a draft restored after a reload keeps its own basis.
  useEffect(() => {
    if (draft.open && draft.basis === null && decision.isSuccess && !decision.isFetching) {
      setDraft((current) => ({ ...current, ...fieldsOf(decision.data) }));
    }
  }, [draft.open, draft.basis, decision.isSuccess, decision.isFetching, decision.data, setDraft]);

  const mutation = useMutation({
    mutationFn: async ({ body, key, etag }: { body: Registration; key: string; etag: string }) =>
      data(
        await api.PUT('/api/rounds/{id}/decisions/{municipalityNumber}', {
          params: { path: { id: round.id, municipalityNumber: number }, header: { 'Idempotency-Key': key, 'If-Match': etag } },
          body,
        }),
      ),
    onSuccess: async () => {
      discard();
      setProblem(NO_PROBLEM);
      onDone(t('corrected', { member: member.name }));
      await changed();
    },
    onError: (error) => setProblem(problemFromError(error, fieldOfApi, t('networkError'))),
  });

  const set = <K extends keyof CorrectionDraft>(key: K, value: CorrectionDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending || basis === null || !isCorrectable(basis.status)) return;
    const local: FormProblem<CorrectionField> = { fields: validate(draft, t), general: null, status: null };
    if (!hasProblem(local) && !referencesChanged(basis, draft)) local.general = t('referencesUnchanged');
    setProblem(local);
    if (hasProblem(local)) return;
    const body = registrationOf(basis.status, basis, draft);
    const serialized = JSON.stringify(body);
    const key = draft.attempt?.body === serialized ? draft.attempt.key : newIdempotencyKey();
    setDraft((current) => ({ ...current, attempt: { key, body: serialized } }));
    mutation.mutate({ body, key, etag: basis.etag });
  };

  const reloadLatest = async () => {
    const fresh = await decision.refetch();
    if (!fresh.data) return;
    setDraft((current) => ({ ...current, ...fieldsOf(fresh.data), reason: current.reason }));
    setProblem(NO_PROBLEM);
  };

  const cancel = () => {
    discard();
    setProblem(NO_PROBLEM);
  };

  const labels: Record<CorrectionField, string> = {
    caseNumber: t('caseNumber'),
    protocolRef: t('protocolRef'),
    note: t('note'),
    reason: t('correctionReason'),
  };
  const fieldList = (Object.keys(labels) as CorrectionField[]).map((name) => ({ name, id: ids[name], label: labels[name] }));
  const error = problem.fields;

  return (
    <>
      <Button variant="tertiary" data-size="sm" aria-haspopup="dialog" onClick={() => set('open', true)}>
        {t('correct')}
        <span className="visually-hidden">{t('correctFor', { member: member.name })}</span>
      </Button>
      <Dialog open={draft.open} onClose={() => set('open', false)} closeButton={t('closeDialog')} aria-labelledby={ids.title} className="round-dialog">
        <Dialog.Block>
          <Heading level={2} data-size="sm" id={ids.title}>
            {t('correctTitle', { member: member.name })}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          {basis === null ? (
            decision.isError ? (
              <ProblemAlert error={decision.error} onRetry={() => void decision.refetch()} />
            ) : (
              <Spinner aria-label={common('loading')} data-size="md" />
            )
          ) : (
            <form noValidate onSubmit={submit} className="stack">
              <RegisteredDecision basis={basis} headingId={ids.registered} />
              <Paragraph>{t('correctLead')}</Paragraph>
              <FormErrors problem={problem} fields={fieldList}>
                {problem.status === 412 && (
                  <>
                    <Paragraph>{t('stale')}</Paragraph>
                    <Button type="button" variant="secondary" data-size="sm" onClick={() => void reloadLatest()}>
                      {t('reloadLatest')}
                    </Button>
                  </>
                )}
              </FormErrors>
              <Textfield
                id={ids.caseNumber}
                label={labels.caseNumber}
                value={draft.caseNumber}
                maxLength={100}
                onChange={(event) => set('caseNumber', event.target.value)}
                error={error.caseNumber}
                required
              />
              <Textfield
                id={ids.protocolRef}
                label={labels.protocolRef}
                description={t('protocolRefDescription')}
                value={draft.protocolRef}
                maxLength={2000}
                onChange={(event) => set('protocolRef', event.target.value)}
                error={error.protocolRef}
                required
              />
              <Textfield
                id={ids.note}
                label={labels.note}
                multiline
                rows={2}
                maxLength={4000}
                value={draft.note}
                onChange={(event) => set('note', event.target.value)}
                error={error.note}
              />
              <Textfield
                id={ids.reason}
                label={labels.reason}
                multiline
                rows={3}
                maxLength={2000}
                value={draft.reason}
                onChange={(event) => set('reason', event.target.value)}
                error={error.reason}
                required
              />
              <div className="row">
                <Button type="submit" loading={mutation.isPending} aria-disabled={mutation.isPending || undefined}>
                  {t('submitCorrection')}
                </Button>
                <Button type="button" variant="secondary" onClick={cancel}>
                  {t('cancel')}
                </Button>
              </div>
            </form>
          )}
        </Dialog.Block>
      </Dialog>
    </>
  );
}

/** What the municipality's clerk registered, as facts: the correction leaves it as it is. */
function RegisteredDecision({ basis, headingId }: { basis: Basis; headingId: string }) {
  const t = useMessages(roundMessages);
  const { language } = useLanguage();
  const date = (value: string | null) => (value ? <time dateTime={value}>{formatDate(value, language)}</time> : t('noValue'));
  return (
    <section aria-labelledby={headingId} className="stack">
      <Heading level={3} data-size="xs" id={headingId}>
        {t('registeredHeading')}
      </Heading>
      <dl className="round-facts">
        <div>
          <dt>{t('decision')}</dt>
          <dd>
            <MemberStatusTag status={basis.status} overdue={basis.overdue} />
          </dd>
        </div>
        <div>
          <dt>{t('meetingDate')}</dt>
          <dd>{date(basis.meetingDate)}</dd>
        </div>
        {basis.status === 'postponed' && (
          <div>
            <dt>{t('nextMeetingDate')}</dt>
            <dd>{date(basis.nextMeetingDate)}</dd>
          </div>
        )}
        <div>
          <dt>{t('body')}</dt>
          <dd>{basis.body === 'bystyre' ? t('bodyBystyre') : basis.body === 'kommunestyre' ? t('bodyKommunestyre') : t('noValue')}</dd>
        </div>
        <div>
          <dt>{t('votes')}</dt>
          <dd>{basis.votes ? t('votesValue', { for: basis.votes.for, against: basis.votes.against, blank: basis.votes.blank }) : t('noValue')}</dd>
        </div>
      </dl>
      {basis.revision !== null && <Paragraph data-size="sm">{t('correctRevision', { revision: basis.revision })}</Paragraph>}
    </section>
  );
}

function idsFor(number: string) {
  const id = (field: string) => `correct-${number}-${field}`;
  return {
    title: id('title'),
    registered: id('registered'),
    caseNumber: id('case-number'),
    protocolRef: id('protocol-ref'),
    note: id('note'),
    reason: id('reason'),
  };
}

function fieldsOf(member: MemberDecision): Partial<CorrectionDraft> {
  const decision = member.decision;
  const basis: Basis = {
    etag: member.etag,
    revision: decision?.revision ?? null,
    status: member.status,
    overdue: member.overdue,
    meetingDate: decision?.meetingDate ?? null,
    nextMeetingDate: decision?.nextMeetingDate ?? null,
    body: decision?.body ?? null,
    votes: decision?.votes ?? null,
    caseNumber: decision?.caseNumber ?? '',
    protocolRef: decision?.protocolRef ?? '',
    note: decision?.note ?? '',
  };
  return { basis, caseNumber: basis.caseNumber, protocolRef: basis.protocolRef, note: basis.note, attempt: null };
}

function validate(draft: CorrectionDraft, t: (key: 'caseNumberRequired' | 'protocolRefRequired' | 'correctionReasonRequired') => string) {
  const fields: FormProblem<CorrectionField>['fields'] = {};
  // A decision and a postponement are only registered with where the case file is found.
  if (!draft.caseNumber.trim()) fields.caseNumber = t('caseNumberRequired');
  if (!draft.protocolRef.trim()) fields.protocolRef = t('protocolRefRequired');
  if (!draft.reason.trim()) fields.reason = t('correctionReasonRequired');
  return fields;
}

// The api stores the references trimmed; a correction that changes none of them would save nothing.
function referencesChanged(basis: Basis, draft: CorrectionDraft): boolean {
  return (['caseNumber', 'protocolRef', 'note'] as const).some((field) => draft[field].trim() !== basis[field]);
}

function registrationOf(decision: Decision, basis: Basis, draft: CorrectionDraft): Registration {
  return {
    decision,
    meetingDate: basis.meetingDate ?? '',
    // Left out, the api would take the kommunestyre; saying so keeps the type honest and the body the same.
    body: basis.body ?? 'kommunestyre',
    nextMeetingDate: basis.nextMeetingDate ?? undefined,
    votes: basis.votes ?? undefined,
    caseNumber: draft.caseNumber.trim(),
    protocolRef: draft.protocolRef.trim(),
    // Sent even when empty: clearing the note is a correction too.
    note: draft.note.trim(),
    reason: draft.reason.trim(),
  };
}

function fieldOfApi(field: string): CorrectionField | undefined {
  const known: readonly string[] = ['caseNumber', 'protocolRef', 'note', 'reason'];
  return known.includes(field) ? (field as CorrectionField) : undefined;
}

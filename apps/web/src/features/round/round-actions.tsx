import { Button, Dialog, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { ApiProblem, api, data } from '../../api/client';
import { useDraft } from '../../components/use-draft';
import { formatDate } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { FormErrors, FormProblem, NO_PROBLEM, hasProblem, problemFromError } from './form-problem';
import { roundMessages } from './round.messages';
import { Round, roundKey, useRoundChanged } from './round.queries';

type Change = 'extend' | 'withdraw' | 'expire' | 'amend';
type ChangeField = 'deadline' | 'reason';

interface ChangeDraft {
  open: boolean;
  deadline: string;
  reason: string;
}

const EMPTY: ChangeDraft = { open: false, deadline: '', reason: '' };

const TEXTS = {
  extend: { open: 'extend', title: 'extendTitle', submit: 'submitExtend' },
  withdraw: { open: 'withdraw', title: 'withdrawTitle', submit: 'submitWithdraw' },
  expire: { open: 'expire', title: 'expireTitle', submit: 'submitExpire' },
  amend: { open: 'amendElectorate', title: 'amendElectorateTitle', submit: 'submitAmendElectorate' },
} as const;

/**
 * What the secretariat may do with an open round: extend its deadline, withdraw it, close it after
 * the deadline, or amend its electorate after members left or merged.
 */
export function RoundActions({ round, onDone }: { round: Round; onDone: (message: string) => void }) {
  const t = useMessages(roundMessages);
  return (
    <section aria-labelledby="round-actions-heading" className="stack">
      <Heading level={2} data-size="sm" id="round-actions-heading">
        {t('actionsHeading')}
      </Heading>
      <div className="row">
        <RoundChangeDialog round={round} change="extend" onDone={onDone} />
        <RoundChangeDialog round={round} change="withdraw" onDone={onDone} />
        <RoundChangeDialog round={round} change="expire" onDone={onDone} />
        <RoundChangeDialog round={round} change="amend" onDone={onDone} />
      </div>
    </section>
  );
}

function RoundChangeDialog({ round, change, onDone }: { round: Round; change: Change; onDone: (message: string) => void }) {
  const t = useMessages(roundMessages);
  const { language } = useLanguage();
  const texts = TEXTS[change];
  // Kept in this tab while typed (and whether the dialog was open), so a renewed sign-in finds it again.
  const [draft, setDraft, discard] = useDraft<ChangeDraft>(`round.${round.id}.${change}`, EMPTY);
  const [problem, setProblem] = useState<FormProblem<ChangeField>>(NO_PROBLEM);
  const queryClient = useQueryClient();
  const changed = useRoundChanged(round.id);
  const ids = { title: `round-${change}-title`, deadline: `round-${change}-deadline`, reason: `round-${change}-reason` };

  const mutation = useMutation({
    mutationFn: async (body: ChangeDraft) => {
      const path = { params: { path: { id: round.id } } };
      const reason = body.reason.trim();
      if (change === 'extend') return data(await api.POST('/api/rounds/{id}/extend', { ...path, body: { deadline: body.deadline, reason } }));
      if (change === 'withdraw') return data(await api.POST('/api/rounds/{id}/withdraw', { ...path, body: { reason } }));
      if (change === 'amend') return data(await api.POST('/api/rounds/{id}/amend-electorate', { ...path, body: { reason } }));
      return data(await api.POST('/api/rounds/{id}/expire', { ...path, body: reason ? { reason } : {} }));
    },
    onSuccess: async (updated) => {
      queryClient.setQueryData(roundKey(round.id), updated);
      discard();
      setProblem(NO_PROBLEM);
      onDone(
        change === 'extend'
          ? t('extended', { date: formatDate(updated.deadline, language) })
          : change === 'withdraw'
            ? t('withdrawn')
            : change === 'amend'
              ? t('electorateAmended')
              : t('expired'),
      );
      await changed();
    },
    onError: (error) => {
      const problem = problemFromError<ChangeField>(error, (field) => (field === 'deadline' || field === 'reason' ? field : undefined), t('networkError'));
      // Nothing to amend is no fault of the form: say so in the council's terms.
      if (error instanceof ApiProblem && error.code === 'ROUND.ELECTORATE_UP_TO_DATE') setProblem({ ...problem, general: t('electorateUpToDate') });
      else setProblem(problem);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const fields: FormProblem<ChangeField>['fields'] = {};
    if (change === 'extend' && !draft.deadline) fields.deadline = t('deadlineRequired');
    if (change !== 'expire' && !draft.reason.trim()) fields.reason = t('reasonRequired');
    const local = { fields, general: null, status: null };
    setProblem(local);
    if (hasProblem(local)) return;
    mutation.mutate(draft);
  };

  const close = () => setDraft((current) => ({ ...current, open: false }));
  const cancel = () => {
    discard();
    setProblem(NO_PROBLEM);
  };

  const fieldList = [
    ...(change === 'extend' ? [{ name: 'deadline' as const, id: ids.deadline, label: t('newDeadline') }] : []),
    { name: 'reason' as const, id: ids.reason, label: change === 'expire' ? t('reasonOptional') : t('reason') },
  ];

  return (
    <>
      <Button
        variant={change === 'extend' ? 'primary' : 'secondary'}
        data-color={change === 'withdraw' ? 'danger' : undefined}
        aria-haspopup="dialog"
        onClick={() => setDraft((current) => ({ ...current, open: true }))}
      >
        {t(texts.open)}
      </Button>
      <Dialog open={draft.open} onClose={close} closeButton={t('closeDialog')} aria-labelledby={ids.title} className="round-dialog">
        <Dialog.Block>
          <Heading level={2} data-size="sm" id={ids.title}>
            {t(texts.title)}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <form noValidate onSubmit={submit} className="stack">
            <Paragraph>
              {change === 'extend'
                ? t('extendLead', { date: formatDate(round.deadline, language) })
                : change === 'withdraw'
                  ? t('withdrawLead')
                  : change === 'amend'
                    ? t('amendElectorateLead')
                    : t('expireLead', { date: formatDate(round.deadline, language) })}
            </Paragraph>
            <FormErrors problem={problem} fields={fieldList} />
            {change === 'extend' && (
              <Textfield
                id={ids.deadline}
                label={t('newDeadline')}
                type="date"
                min={dayAfter(round.deadline)}
                value={draft.deadline}
                onChange={(event) => setDraft((current) => ({ ...current, deadline: event.target.value }))}
                error={problem.fields.deadline}
                required
              />
            )}
            <Textfield
              id={ids.reason}
              label={change === 'expire' ? t('reasonOptional') : t('reason')}
              description={t('reasonDescription')}
              multiline
              rows={3}
              maxLength={2000}
              value={draft.reason}
              onChange={(event) => setDraft((current) => ({ ...current, reason: event.target.value }))}
              error={problem.fields.reason}
              required={change !== 'expire'}
            />
            <div className="row">
              <Button type="submit" data-color={change === 'extend' || change === 'amend' ? undefined : 'danger'} loading={mutation.isPending} aria-disabled={mutation.isPending || undefined}>
                {t(texts.submit)}
              </Button>
              <Button type="button" variant="secondary" onClick={cancel}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        </Dialog.Block>
      </Dialog>
    </>
  );
}

function dayAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

import { Button, Checkbox, Dialog, Field, Fieldset, Heading, Label, Paragraph, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormEvent, ReactNode, useState } from 'react';
import { api, data } from '../../api/client';
import { useDraft } from '../../components/use-draft';
import { formatDate } from '../../i18n/formats';
import { useLanguage, useMessages } from '../../i18n/i18n';
import { FormErrors, FormProblem, NO_PROBLEM, hasProblem, problemFromError } from '../round/form-problem';
import { membersMessages } from './members.messages';
import { Council, Member } from './members.model';

type T = ReturnType<typeof useMessages<keyof (typeof membersMessages)['nb']>>;

/** What was recorded, to say on the page; `amend` when open rounds and cost keys must follow. */
export type ActionDone = (message: string, amend?: boolean) => void;

interface ActionProps {
  slug: string;
  council: Council;
  /** The members today that may still give notice, leave or merge: no ending recorded yet. */
  open: Member[];
  ruleText: string;
  onDone: ActionDone;
}

/**
 * The secretariat's changes to who is a member: a notice of withdrawal, leaving, a merger, a new
 * member. Each is a form in a dialog; a refusal is shown at the field the api named.
 */
export function MemberActions(props: ActionProps) {
  const t = useMessages(membersMessages);
  return (
    <section aria-labelledby="members-actions-heading" className="stack">
      <Heading level={2} data-size="sm" id="members-actions-heading">
        {t('actionsHeading')}
      </Heading>
      <div className="row">
        <WithdrawalDialog {...props} />
        <LeaveDialog {...props} />
        <MergerDialog {...props} />
        <AddMemberDialog {...props} />
      </div>
    </section>
  );
}

/** The state of one dialog's form: kept in this tab while typed, its problem, and the request. */
function useAction<D extends { open: boolean }, F extends string, R>(options: {
  key: string;
  empty: D;
  fields: readonly F[];
  validate: (draft: D) => Partial<Record<F, string>>;
  mapField?: (field: string) => F | undefined;
  run: (draft: D) => Promise<R>;
  done: (result: R, draft: D) => void;
  networkError: string;
}) {
  const [draft, setDraft, discard] = useDraft<D>(options.key, options.empty);
  const [problem, setProblem] = useState<FormProblem<F>>(NO_PROBLEM);
  const queryClient = useQueryClient();
  const mapField = options.mapField ?? ((field: string) => (options.fields as readonly string[]).includes(field) ? (field as F) : undefined);
  const mutation = useMutation({
    mutationFn: options.run,
    onSuccess: async (result, sent) => {
      discard();
      setProblem(NO_PROBLEM);
      options.done(result, sent);
      await queryClient.invalidateQueries({ queryKey: ['council'] });
      await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
    onError: (error) => setProblem(problemFromError<F>(error, mapField, options.networkError)),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    const local = { fields: options.validate(draft), general: null, status: null };
    setProblem(local);
    if (hasProblem(local)) return;
    mutation.mutate(draft);
  };
  const set = <K extends keyof D>(name: K) => (value: D[K]) => setDraft((current) => ({ ...current, [name]: value }));
  return {
    draft,
    set,
    problem,
    pending: mutation.isPending,
    submit,
    openDialog: () => setDraft((current) => ({ ...current, open: true })),
    close: () => setDraft((current) => ({ ...current, open: false })),
    cancel: () => {
      discard();
      setProblem(NO_PROBLEM);
    },
  };
}

function ActionDialog<F extends string>({
  name,
  label,
  lead,
  action,
  fields,
  children,
}: {
  name: string;
  label: string;
  lead: string;
  action: { draft: { open: boolean }; problem: FormProblem<F>; pending: boolean; submit: (event: FormEvent) => void; openDialog: () => void; close: () => void; cancel: () => void };
  fields: readonly { name: F; id: string; label: string }[];
  children: ReactNode;
}) {
  const t = useMessages(membersMessages);
  const titleId = `members-${name}-title`;
  return (
    <>
      <Button variant="secondary" aria-haspopup="dialog" onClick={action.openDialog}>
        {label}
      </Button>
      <Dialog open={action.draft.open} onClose={action.close} closeButton={t('closeDialog')} aria-labelledby={titleId} className="members-dialog">
        <Dialog.Block>
          <Heading level={2} data-size="sm" id={titleId}>
            {label}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <form noValidate onSubmit={action.submit} className="stack">
            <Paragraph>{lead}</Paragraph>
            <FormErrors problem={action.problem} fields={fields} />
            {children}
            <div className="row">
              <Button type="submit" loading={action.pending} aria-disabled={action.pending || undefined}>
                {label}
              </Button>
              <Button type="button" variant="secondary" onClick={action.cancel}>
                {t('cancel')}
              </Button>
            </div>
          </form>
        </Dialog.Block>
      </Dialog>
    </>
  );
}

function MemberSelect({ id, t, members, value, onChange, error }: { id: string; t: T; members: Member[]; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <Field>
      <Label htmlFor={id}>{t('member')}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} required>
        <Select.Option value="">{t('chooseMember')}</Select.Option>
        {members.map((member) => (
          <Select.Option key={member.municipalityNumber} value={member.municipalityNumber}>
            {member.name} ({member.municipalityNumber})
          </Select.Option>
        ))}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}

const required = (value: string, message: string) => (value.trim() ? undefined : message);
const defined = <F extends string>(fields: Partial<Record<F, string | undefined>>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<Record<F, string>>;

type WithdrawalField = 'member' | 'noticeGivenOn' | 'reason';

function WithdrawalDialog({ slug, open, ruleText, onDone }: ActionProps) {
  const t = useMessages(membersMessages);
  const { language } = useLanguage();
  const ids = { member: 'members-withdrawal-member', noticeGivenOn: 'members-withdrawal-date', reason: 'members-withdrawal-reason' };
  const action = useAction<{ open: boolean; member: string; noticeGivenOn: string; reason: string }, WithdrawalField, Member>({
    key: `members.${slug}.withdrawal`,
    empty: { open: false, member: '', noticeGivenOn: '', reason: '' },
    fields: ['member', 'noticeGivenOn', 'reason'],
    mapField: (field) => (field === 'municipalityNumber' ? 'member' : field === 'noticeGivenOn' || field === 'reason' ? field : undefined),
    validate: (draft) => defined({ member: required(draft.member, t('memberRequired')), noticeGivenOn: required(draft.noticeGivenOn, t('required')) }),
    run: async (draft) =>
      data(
        await api.POST('/api/councils/{slug}/members/{municipalityNumber}/withdrawal', {
          params: { path: { slug, municipalityNumber: draft.member } },
          body: { noticeGivenOn: draft.noticeGivenOn, ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}) },
        }),
      ),
    done: (member) => onDone(t('withdrawalRecorded', { member: member.name, date: member.leftOn ? formatDate(member.leftOn, language) : '' }), true),
    networkError: t('networkError'),
  });
  const { draft, set, problem } = action;
  return (
    <ActionDialog
      name="withdrawal"
      label={t('withdrawal')}
      lead={t('withdrawalLead', { rule: ruleText })}
      action={action}
      fields={[
        { name: 'member', id: ids.member, label: t('member') },
        { name: 'noticeGivenOn', id: ids.noticeGivenOn, label: t('noticeGivenOn') },
        { name: 'reason', id: ids.reason, label: t('note') },
      ]}
    >
      <MemberSelect id={ids.member} t={t} members={open} value={draft.member} onChange={set('member')} error={problem.fields.member} />
      <Textfield id={ids.noticeGivenOn} type="date" label={t('noticeGivenOn')} value={draft.noticeGivenOn} onChange={(event) => set('noticeGivenOn')(event.target.value)} error={problem.fields.noticeGivenOn} required />
      <Textfield id={ids.reason} label={t('note')} multiline rows={2} maxLength={2000} value={draft.reason} onChange={(event) => set('reason')(event.target.value)} error={problem.fields.reason} />
    </ActionDialog>
  );
}

type LeaveField = 'member' | 'leftOn' | 'reason';

function LeaveDialog({ slug, open, onDone }: ActionProps) {
  const t = useMessages(membersMessages);
  const { language } = useLanguage();
  const ids = { member: 'members-leave-member', leftOn: 'members-leave-date', reason: 'members-leave-reason' };
  const action = useAction<{ open: boolean; member: string; leftOn: string; reason: string }, LeaveField, Member>({
    key: `members.${slug}.leave`,
    empty: { open: false, member: '', leftOn: '', reason: '' },
    fields: ['member', 'leftOn', 'reason'],
    mapField: (field) => (field === 'municipalityNumber' ? 'member' : field === 'leftOn' || field === 'reason' ? field : undefined),
    validate: (draft) =>
      defined({ member: required(draft.member, t('memberRequired')), leftOn: required(draft.leftOn, t('required')), reason: required(draft.reason, t('required')) }),
    run: async (draft) =>
      data(
        await api.POST('/api/councils/{slug}/members/{municipalityNumber}/leave', {
          params: { path: { slug, municipalityNumber: draft.member } },
          body: { leftOn: draft.leftOn, reason: draft.reason.trim() },
        }),
      ),
    done: (member, draft) => onDone(t('leaveRecorded', { member: member.name, date: formatDate(member.leftOn ?? draft.leftOn, language) }), true),
    networkError: t('networkError'),
  });
  const { draft, set, problem } = action;
  return (
    <ActionDialog
      name="leave"
      label={t('leave')}
      lead={t('leaveLead')}
      action={action}
      fields={[
        { name: 'member', id: ids.member, label: t('member') },
        { name: 'leftOn', id: ids.leftOn, label: t('lastDay') },
        { name: 'reason', id: ids.reason, label: t('reason') },
      ]}
    >
      <MemberSelect id={ids.member} t={t} members={open} value={draft.member} onChange={set('member')} error={problem.fields.member} />
      <Textfield id={ids.leftOn} type="date" label={t('lastDay')} value={draft.leftOn} onChange={(event) => set('leftOn')(event.target.value)} error={problem.fields.leftOn} required />
      <Textfield
        id={ids.reason}
        label={t('reason')}
        description={t('reasonDescription')}
        multiline
        rows={3}
        maxLength={2000}
        value={draft.reason}
        onChange={(event) => set('reason')(event.target.value)}
        error={problem.fields.reason}
        required
      />
    </ActionDialog>
  );
}

type MergerField = 'predecessors' | 'successor' | 'successorNumber' | 'successorName' | 'effectiveFrom' | 'reason';
const NEW = 'new';

function MergerDialog({ slug, open, onDone }: ActionProps) {
  const t = useMessages(membersMessages);
  const { language } = useLanguage();
  const ids = {
    predecessors: 'members-merger-predecessors',
    successor: 'members-merger-successor',
    successorNumber: 'members-merger-successor-number',
    successorName: 'members-merger-successor-name',
    effectiveFrom: 'members-merger-date',
    reason: 'members-merger-reason',
  };
  type Draft = { open: boolean; predecessors: string[]; successor: string; successorNumber: string; successorName: string; effectiveFrom: string; reason: string };
  const nameOf = new Map(open.map((member) => [member.municipalityNumber, member.name]));
  const action = useAction<Draft, MergerField, { effectiveFrom: string; successor: Member }>({
    key: `members.${slug}.merger`,
    empty: { open: false, predecessors: [], successor: '', successorNumber: '', successorName: '', effectiveFrom: '', reason: '' },
    fields: ['predecessors', 'successor', 'successorNumber', 'successorName', 'effectiveFrom', 'reason'],
    mapField: (field) =>
      field.startsWith('predecessors')
        ? 'predecessors'
        : field === 'successor.municipalityNumber'
          ? 'successorNumber'
          : field === 'successor.name'
            ? 'successorName'
            : field === 'successor'
              ? 'successor'
              : field === 'effectiveFrom' || field === 'reason'
                ? field
                : undefined,
    validate: (draft) =>
      defined({
        predecessors: draft.predecessors.length >= 2 ? undefined : t('predecessorsRequired'),
        successor: draft.successor ? undefined : t('successorRequired'),
        successorNumber: draft.successor === NEW ? (/^\d{4}$/.test(draft.successorNumber.trim()) ? undefined : t('numberInvalid')) : undefined,
        successorName: draft.successor === NEW ? required(draft.successorName, t('required')) : undefined,
        effectiveFrom: required(draft.effectiveFrom, t('required')),
        reason: required(draft.reason, t('required')),
      }),
    run: async (draft) =>
      data(
        await api.POST('/api/councils/{slug}/mergers', {
          params: { path: { slug } },
          body: {
            predecessors: draft.predecessors,
            successor:
              draft.successor === NEW
                ? { municipalityNumber: draft.successorNumber.trim(), name: draft.successorName.trim() }
                : { municipalityNumber: draft.successor, name: nameOf.get(draft.successor) ?? '' },
            effectiveFrom: draft.effectiveFrom,
            reason: draft.reason.trim(),
          },
        }),
      ),
    done: (merger) => onDone(t('mergerRecorded', { successor: merger.successor.name, date: formatDate(merger.effectiveFrom, language) }), true),
    networkError: t('networkError'),
  });
  const { draft, set, problem } = action;
  const toggle = (number: string, checked: boolean) => {
    const predecessors = checked ? [...draft.predecessors, number] : draft.predecessors.filter((entry) => entry !== number);
    set('predecessors')(open.map((member) => member.municipalityNumber).filter((entry) => predecessors.includes(entry)));
    if (!checked && draft.successor === number) set('successor')('');
  };
  const chosen = open.filter((member) => draft.predecessors.includes(member.municipalityNumber));
  return (
    <ActionDialog
      name="merger"
      label={t('merger')}
      lead={t('mergerLead')}
      action={action}
      fields={[
        { name: 'predecessors', id: ids.predecessors, label: t('predecessors') },
        { name: 'successor', id: ids.successor, label: t('successor') },
        { name: 'successorNumber', id: ids.successorNumber, label: t('successorNumber') },
        { name: 'successorName', id: ids.successorName, label: t('successorName') },
        { name: 'effectiveFrom', id: ids.effectiveFrom, label: t('effectiveFrom') },
        { name: 'reason', id: ids.reason, label: t('reason') },
      ]}
    >
      <Fieldset>
        <Fieldset.Legend>{t('predecessors')}</Fieldset.Legend>
        {open.map((member, index) => (
          <Checkbox
            key={member.municipalityNumber}
            id={index === 0 ? ids.predecessors : undefined}
            label={`${member.name} (${member.municipalityNumber})`}
            value={member.municipalityNumber}
            checked={draft.predecessors.includes(member.municipalityNumber)}
            onChange={(event) => toggle(member.municipalityNumber, event.target.checked)}
          />
        ))}
        {problem.fields.predecessors && <ValidationMessage>{problem.fields.predecessors}</ValidationMessage>}
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('successor')}</Fieldset.Legend>
        {[...chosen.map((member) => ({ value: member.municipalityNumber, label: `${member.name} (${member.municipalityNumber})` })), { value: NEW, label: t('newMunicipality') }].map(
          (choice, index) => (
            <Radio
              key={choice.value}
              id={index === 0 ? ids.successor : undefined}
              name="members-merger-successor"
              value={choice.value}
              label={choice.label}
              checked={draft.successor === choice.value}
              onChange={() => set('successor')(choice.value)}
            />
          ),
        )}
        {problem.fields.successor && <ValidationMessage>{problem.fields.successor}</ValidationMessage>}
      </Fieldset>
      {draft.successor === NEW && (
        <>
          <Textfield
            id={ids.successorNumber}
            label={t('successorNumber')}
            inputMode="numeric"
            maxLength={4}
            size={6}
            value={draft.successorNumber}
            onChange={(event) => set('successorNumber')(event.target.value)}
            error={problem.fields.successorNumber}
            required
          />
          <Textfield id={ids.successorName} label={t('successorName')} value={draft.successorName} onChange={(event) => set('successorName')(event.target.value)} error={problem.fields.successorName} required />
        </>
      )}
      <Textfield id={ids.effectiveFrom} type="date" label={t('effectiveFrom')} value={draft.effectiveFrom} onChange={(event) => set('effectiveFrom')(event.target.value)} error={problem.fields.effectiveFrom} required />
      <Textfield
        id={ids.reason}
        label={t('reason')}
        description={t('reasonDescription')}
        multiline
        rows={3}
        maxLength={2000}
        value={draft.reason}
        onChange={(event) => set('reason')(event.target.value)}
        error={problem.fields.reason}
        required
      />
    </ActionDialog>
  );
}

type AddField = 'number' | 'name' | 'joinedOn' | 'representatives';

function AddMemberDialog({ slug, onDone }: ActionProps) {
  const t = useMessages(membersMessages);
  const { language } = useLanguage();
  const ids = { number: 'members-add-number', name: 'members-add-name', joinedOn: 'members-add-joined', representatives: 'members-add-seats' };
  const action = useAction<{ open: boolean; number: string; name: string; joinedOn: string; representatives: string }, AddField, Member>({
    key: `members.${slug}.add`,
    empty: { open: false, number: '', name: '', joinedOn: '', representatives: '1' },
    fields: ['number', 'name', 'joinedOn', 'representatives'],
    mapField: (field) => (field === 'municipalityNumber' ? 'number' : field === 'name' || field === 'joinedOn' || field === 'representatives' ? field : undefined),
    validate: (draft) =>
      defined({
        number: /^\d{4}$/.test(draft.number.trim()) ? undefined : t('numberInvalid'),
        name: required(draft.name, t('required')),
        joinedOn: required(draft.joinedOn, t('required')),
        representatives: /^\d+$/.test(draft.representatives.trim()) && Number(draft.representatives) >= 1 ? undefined : t('seatsInvalid'),
      }),
    run: async (draft) =>
      data(
        await api.PUT('/api/councils/{slug}/members/{municipalityNumber}', {
          params: { path: { slug, municipalityNumber: draft.number.trim() } },
          body: { name: draft.name.trim(), joinedOn: draft.joinedOn, representatives: Number(draft.representatives) },
        }),
      ),
    done: (member) => onDone(t('memberAdded', { member: member.name, date: formatDate(member.joinedOn, language) })),
    networkError: t('networkError'),
  });
  const { draft, set, problem } = action;
  return (
    <ActionDialog
      name="add"
      label={t('addMember')}
      lead={t('addMemberLead')}
      action={action}
      fields={[
        { name: 'number', id: ids.number, label: t('memberNumber') },
        { name: 'name', id: ids.name, label: t('memberName') },
        { name: 'joinedOn', id: ids.joinedOn, label: t('memberJoinedOn') },
        { name: 'representatives', id: ids.representatives, label: t('memberSeats') },
      ]}
    >
      <Textfield id={ids.number} label={t('memberNumber')} inputMode="numeric" maxLength={4} size={6} value={draft.number} onChange={(event) => set('number')(event.target.value)} error={problem.fields.number} required />
      <Textfield id={ids.name} label={t('memberName')} value={draft.name} onChange={(event) => set('name')(event.target.value)} error={problem.fields.name} required />
      <Textfield id={ids.joinedOn} type="date" label={t('memberJoinedOn')} value={draft.joinedOn} onChange={(event) => set('joinedOn')(event.target.value)} error={problem.fields.joinedOn} required />
      <Textfield
        id={ids.representatives}
        type="number"
        min={1}
        label={t('memberSeats')}
        size={6}
        value={draft.representatives}
        onChange={(event) => set('representatives')(event.target.value)}
        error={problem.fields.representatives}
        required
      />
    </ActionDialog>
  );
}

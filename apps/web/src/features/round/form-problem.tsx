import { Alert, ErrorSummary, Heading, Paragraph } from '@digdir/designsystemet-react';
import { ReactNode, useEffect, useRef } from 'react';
import { ApiProblem } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { roundMessages } from './round.messages';

/** Why a form was not saved: messages by the form's own field names, and what belongs to no field. */
export interface FormProblem<F extends string> {
  fields: Partial<Record<F, string>>;
  general: string | null;
  status: number | null;
}

/**
 * The api's refusal as a form shows it: each `errors[].field` the form has goes next to that
 * field (`mapField` turns `votes.for` into the form's own name), the rest and the problem's
 * detail above the form. A dropped connection is no refusal: `networkMessage` says to retry.
 */
export function problemFromError<F extends string>(error: unknown, mapField: (field: string) => F | undefined, networkMessage: string): FormProblem<F> {
  if (!(error instanceof ApiProblem)) return { fields: {}, general: networkMessage, status: null };
  const fields: Partial<Record<F, string>> = {};
  const unplaced: string[] = [];
  for (const entry of error.errors) {
    const field = mapField(entry.field);
    if (field && !fields[field]) fields[field] = entry.message;
    else if (!field) unplaced.push(entry.message);
  }
  const placed = Object.keys(fields).length > 0;
  const general = unplaced.length > 0 ? unplaced.join(' ') : placed ? null : error.detail || error.title;
  return { fields, general, status: error.status };
}

export function hasProblem<F extends string>(problem: FormProblem<F>): boolean {
  return problem.general !== null || Object.keys(problem.fields).length > 0;
}

export const NO_PROBLEM = { fields: {}, general: null, status: null } as const;

/** The error summary (links to each field) and the refusal that names no field, at the top of a form. */
export function FormErrors<F extends string>({
  problem,
  fields,
  children,
}: {
  problem: FormProblem<F>;
  /** The form's fields in the order they appear, with the id of their input and their label. */
  fields: readonly { name: F; id: string; label: string }[];
  children?: ReactNode;
}) {
  const t = useMessages(roundMessages);
  const listed = fields.filter((field) => problem.fields[field.name]);
  const alert = useRef<HTMLDivElement>(null);
  // The refusal may be far above the button that was pressed: bring it to the eye and the keyboard.
  useEffect(() => {
    if (problem.general !== null) alert.current?.focus();
  }, [problem]);
  return (
    <>
      {problem.general !== null && (
        <Alert data-color="danger" role="alert" ref={alert} tabIndex={-1} className="ds-focus">
          <Heading level={3} data-size="xs">
            {t('refused')}
          </Heading>
          <Paragraph>{problem.general}</Paragraph>
          {children}
        </Alert>
      )}
      {listed.length > 0 && (
        <ErrorSummary>
          <ErrorSummary.Heading>{t('errorSummaryHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {listed.map((field) => (
              <ErrorSummary.Item key={field.name}>
                <ErrorSummary.Link href={`#${field.id}`}>
                  {field.label}: {problem.fields[field.name]}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
    </>
  );
}

import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useDescribeError } from '../errors/ErrorAlert';
import { markFormFields, type CodeFields } from '../errors/describeError';

/**
 * Keeps the last error of a form submit and marks the fields it names (`/email` → the e-mail field; a code like
 * `user.duplicate_username` → the username field). `error` is what the form should still show above its fields
 * with <ErrorAlert error={error} />: nothing when every part of the error already sits on a field.
 */
export function useFormError(
  form: FormInstance,
  fields: readonly string[],
  fieldLabels: Record<string, string> = {},
  codeFields: CodeFields = {},
) {
  const [error, setError] = useState<unknown>(null);
  const describe = useDescribeError();
  const handle = (cause: unknown) => {
    const described = describe(cause, fieldLabels);
    const marked = markFormFields(form, described, fields, codeFields);
    const unplaced = described.issues.some((issue) => !issue.field || !marked.includes(issue.field));
    setError(marked.length === 0 || unplaced ? cause : null);
    const first = marked[0];
    if (first) form.scrollToField(first, { block: 'center', behavior: 'smooth' });
  };
  const clear = useCallback(() => setError(null), []);
  return { error, handle, clear };
}

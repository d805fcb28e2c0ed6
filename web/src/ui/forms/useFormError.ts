import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useDescribeError } from '../errors/ErrorAlert';
import { markFormFields, type CodeFields } from '../errors/describeError';

/**
 * Keeps the last error of a form submit and marks the fields it names (`/email` → the e-mail field; a code like
 * `user.duplicate_username` → the username field). Render the error with <ErrorAlert error={error} />.
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
    setError(cause);
    markFormFields(form, describe(cause, fieldLabels), fields, codeFields);
  };
  const clear = useCallback(() => setError(null), []);
  return { error, handle, clear };
}

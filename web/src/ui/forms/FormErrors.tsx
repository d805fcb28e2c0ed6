import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api/client';
import { ErrorAlert } from '../errors/ErrorAlert';

/**
 * What a form shows above its fields after a failed save: the error that no field shows, and, when someone else
 * saved the record meanwhile (`entity.conflict`), a button that loads the latest version into the form.
 */
export function FormErrors<T>({
  error,
  fieldLabels,
  saveError,
  onReset,
  reload,
  apply,
}: {
  /** From useFormError: what is left once the fields show theirs. */
  error: unknown;
  fieldLabels?: Record<string, string>;
  /** The save mutation's error, to tell a conflict. */
  saveError: unknown;
  /** Forget the failed save (clear the form error, reset the mutation). */
  onReset: () => void;
  /** Fetch the record again… */
  reload: () => Promise<{ data?: T | undefined }>;
  /** …and put it into the form. */
  apply?: (data: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorAlert error={error} fieldLabels={fieldLabels} style={{ marginBottom: 16 }} />
      {isApiError(saveError, 'entity.conflict') ? (
        <Button
          style={{ marginTop: -8, marginBottom: 16 }}
          onClick={() => {
            onReset();
            void reload().then((result) => {
              if (result.data !== undefined && apply) apply(result.data);
            });
          }}
          data-testid="form-reload-latest"
        >
          {t('common.reloadLatest')}
        </Button>
      ) : null}
    </>
  );
}

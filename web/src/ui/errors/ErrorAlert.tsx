import { useCallback, type CSSProperties } from 'react';
import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n';
import { describeError, type DescribedError } from './describeError';

export function useDescribeError(): (error: unknown, fieldLabels?: Record<string, string>) => DescribedError {
  const { t } = useTranslation();
  const language = useLanguage();
  return useCallback(
    (error: unknown, fieldLabels?: Record<string, string>) => describeError(error, language, t, fieldLabels),
    [language, t],
  );
}

/** A server or network error as one calm sentence in the user's language, with the fields it concerns. */
export function ErrorAlert({
  error,
  fieldLabels,
  style,
  onClose,
}: {
  error: unknown;
  fieldLabels?: Record<string, string>;
  style?: CSSProperties;
  onClose?: () => void;
}) {
  const describe = useDescribeError();
  if (!error) return null;
  const described = describe(error, fieldLabels);
  const description =
    described.issues.length > 1 ? (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {described.issues.map((issue, index) => (
          <li key={index}>
            <strong>{issue.label}</strong> — {issue.reason}
          </li>
        ))}
      </ul>
    ) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="error-alert"
      data-error-code={described.code}
      title={described.message}
      description={description}
      style={style}
      closable={onClose ? { onClose } : false}
    />
  );
}

/** A page or panel whose data could not be loaded: what happened and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const described = describe(error);
  const status = described.status === 403 ? '403' : described.status === 404 ? '404' : 'error';
  return (
    <Result
      status={status}
      title={
        status === '403'
          ? t('errors.forbiddenTitle')
          : status === '404'
            ? t('errors.notFoundTitle')
            : t('errors.loadFailed')
      }
      subTitle={described.message}
      extra={
        onRetry && status === 'error' ? (
          <Button type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

import { Button, Flex, Result } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';

/** A page crashed or its code could not be loaded (often: a new version was deployed meanwhile). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Flex justify="center" align="center" style={{ minHeight: '60vh', padding: 16 }}>
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('errors.notFoundTitle') : t('errors.pageCrashed')}
        subTitle={notFound ? t('errors.notFoundPage') : t('errors.pageCrashedHint')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('common.reload')}
          </Button>
        }
      />
    </Flex>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('errors.notFoundTitle')} />
      <Result
        status="404"
        subTitle={t('errors.notFoundPage')}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {t('common.backHome')}
          </Button>
        }
      />
    </>
  );
}

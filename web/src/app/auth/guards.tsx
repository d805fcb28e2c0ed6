import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Button, Flex, Result, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Permission } from '@sievert/core';
import { ME_KEY, useAuth } from './AuthContext';
import { useDescribeError } from '../../ui/errors/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';

export function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

function SessionCheckFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh', padding: 16 }}>
      <Result
        status="warning"
        title={t('errors.sessionCheckFailed')}
        subTitle={describe(error).message}
        extra={
          <Button type="primary" onClick={() => void queryClient.refetchQueries({ queryKey: ME_KEY })}>
            {t('common.retry')}
          </Button>
        }
      />
    </Flex>
  );
}

/**
 * Pages behind a login. Without a session: to the login page, remembering the way back. With a password to
 * change (new account, reset by an administrator): to the change-password page first.
 */
export function RequireAuth({
  children,
  passwordChangePage = false,
}: {
  children: ReactNode;
  passwordChangePage?: boolean;
}) {
  const { me, sessionError, signedOut } = useAuth();
  const location = useLocation();
  const here = location.pathname + location.search + location.hash;
  if (me === undefined) return sessionError ? <SessionCheckFailed error={sessionError} /> : <FullPageSpin />;
  if (me === null)
    return <Navigate to={signedOut ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  if (me.mustChangePassword && !passwordChangePage) {
    return <Navigate to={`/change-password?next=${encodeURIComponent(here)}`} replace />;
  }
  return <>{children}</>;
}

/** A page that needs one of the permissions; the menu hides it already, a typed URL lands here. */
export function RequirePermission({
  anyOf,
  children,
}: {
  anyOf: readonly Permission[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!anyOf.some(can)) {
    return (
      <>
        <PageHeader title={t('errors.forbiddenTitle')} />
        <Result status="403" subTitle={t('errors.forbiddenPage')} />
      </>
    );
  }
  return <>{children}</>;
}

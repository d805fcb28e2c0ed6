import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { safeNextPath, useAuth, useMe } from '../../../app/auth/AuthContext';
import { LanguageSwitch } from '../../../app/i18n/LanguageSwitch';
import { Logo } from '../../../ui/Logo';
import { ChangePasswordForm } from './ChangePasswordForm';

/** A new account or a password reset by an administrator: the user sets their own password before anything else. */
export default function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  useEffect(() => {
    document.title = `${t('password.forcedTitle')} · Sievert`;
  }, [t]);

  if (!me.mustChangePassword) return <Navigate to={next} replace />;

  return (
    <div className="login-page">
      <div className="login-topbar">
        <span />
        <LanguageSwitch type="default" />
      </div>
      <main className="login-main">
        <div className="login-card" style={{ maxWidth: 480 }}>
          <div className="login-heading">
            <Logo size={48} />
          </div>
          <Card>
            <Typography.Title level={4} data-testid="page-title" style={{ marginTop: 0 }}>
              {t('password.forcedTitle')}
            </Typography.Title>
            <Alert
              type="warning"
              showIcon
              title={t('password.forcedText', { name: me.displayName })}
              style={{ marginBottom: 16 }}
            />
            <ChangePasswordForm temporary onDone={() => void navigate(next, { replace: true })} />
          </Card>
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            data-testid="logout"
            onClick={() => void logout()}
          >
            {t('userMenu.logout')}
          </Button>
        </div>
      </main>
    </div>
  );
}

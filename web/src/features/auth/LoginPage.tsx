import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import {
  GlobalOutlined,
  InfoCircleOutlined,
  LockOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@sievert/core';
import { safeNextPath, useAuth } from '../../app/auth/AuthContext';
import { FullPageSpin } from '../../app/auth/guards';
import { isApiError } from '../../app/api/client';
import { LanguageSwitch } from '../../app/i18n/LanguageSwitch';
import { useLanguage } from '../../app/i18n';
import { useMeta } from '../../app/meta';
import { Logo } from '../../ui/Logo';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { PUBLIC_PORTAL_URL } from '../publication/paths';

interface Credentials {
  username: string;
  password: string;
}

/** Remaining seconds of a lock, counted down live so the user knows when to try again. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

export function LoginPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { me, sessionError, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const meta = useMeta().data;

  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const secondsLeft = useCountdown(lockedUntil);

  useEffect(() => {
    document.title = `${t('login.title')} · Sievert`;
  }, [t]);

  if (me === undefined && !sessionError) return <FullPageSpin />;
  if (me)
    return (
      <Navigate
        to={me.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next}
        replace
      />
    );

  const submit = async (body: Credentials & { totp?: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const user = await login(body);
      void navigate(user.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next, {
        replace: true,
      });
    } catch (cause) {
      if (isApiError(cause, 'auth.totp_required')) {
        setCredentials({ username: body.username, password: body.password });
        setStep('totp');
      } else {
        if (isApiError(cause, 'auth.locked')) {
          const details = cause.details as { retryAfterSeconds?: unknown } | undefined;
          const seconds = typeof details?.retryAfterSeconds === 'number' ? details.retryAfterSeconds : 60;
          setLockedUntil(Date.now() + seconds * 1000);
        } else {
          setLockedUntil(null);
        }
        setError(cause);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const locked = lockedUntil !== null && secondsLeft > 0;
  const provinceName = meta ? (language === 'en' ? meta.province.nameEn : meta.province.name) : null;

  return (
    <div className="login-page">
      <div className="login-topbar">
        <span />
        <LanguageSwitch type="default" />
      </div>
      <main className="login-main">
        <div className="login-card">
          <div className="login-heading">
            <Logo size={56} />
            <Typography.Title level={2} style={{ margin: '12px 0 4px', color: '#12355b' }}>
              Sievert
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('app.tagline')}
            </Typography.Paragraph>
            {provinceName ? (
              <Typography.Paragraph
                strong
                style={{ margin: '6px 0 0', color: '#12355b' }}
                data-testid="login-province"
              >
                {provinceName}
              </Typography.Paragraph>
            ) : null}
          </div>
          <Card>
            <Typography.Title level={4} data-testid="page-title" style={{ marginTop: 0 }}>
              {step === 'password' ? t('login.title') : t('login.totpTitle')}
            </Typography.Title>
            {locked ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="error-alert"
                data-error-code="auth.locked"
                title={errorMessage('auth.locked', language, { seconds: secondsLeft })}
                style={{ marginBottom: 16 }}
              />
            ) : error && !isApiError(error, 'auth.locked') ? (
              <ErrorAlert error={error} style={{ marginBottom: 16 }} />
            ) : null}

            {step === 'password' ? (
              <Form<Credentials>
                layout="vertical"
                requiredMark={false}
                onFinish={(values) => void submit(values)}
                initialValues={credentials ?? undefined}
              >
                <Form.Item
                  name="username"
                  label={t('login.username')}
                  rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
                >
                  <Input
                    size="large"
                    prefix={<UserOutlined />}
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    autoFocus
                    data-testid="login-username"
                  />
                </Form.Item>
                <Form.Item
                  name="password"
                  label={t('login.password')}
                  rules={[{ required: true, message: t('login.passwordRequired') }]}
                >
                  <Input.Password
                    size="large"
                    prefix={<LockOutlined />}
                    autoComplete="current-password"
                    data-testid="login-password"
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  size="large"
                  block
                  loading={submitting}
                  disabled={locked}
                  data-testid="login-submit"
                >
                  {t('login.submit')}
                </Button>
              </Form>
            ) : (
              <Form<{ totp: string }>
                layout="vertical"
                requiredMark={false}
                onFinish={({ totp }) => credentials && void submit({ ...credentials, totp })}
              >
                <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>
                <Form.Item
                  name="totp"
                  label={t('login.totpLabel')}
                  normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpFormat') }]}
                >
                  <Input
                    autoFocus
                    size="large"
                    prefix={<SafetyOutlined />}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    placeholder="123456"
                    className="mono"
                    style={{ letterSpacing: 4 }}
                    data-testid="login-totp"
                  />
                </Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  size="large"
                  block
                  loading={submitting}
                  disabled={locked}
                  data-testid="login-submit"
                >
                  {t('login.verify')}
                </Button>
                <Button
                  type="link"
                  block
                  style={{ marginTop: 8 }}
                  onClick={() => {
                    setStep('password');
                    setError(null);
                  }}
                >
                  {t('login.back')}
                </Button>
              </Form>
            )}
          </Card>
          <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
            {/* The public reads the network's data without an account: the way there for anyone who lands here. */}
            <a href={PUBLIC_PORTAL_URL} data-testid="login-public-portal">
              <GlobalOutlined style={{ marginInlineEnd: 6 }} />
              {t('login.publicPortal')}
            </a>
          </Typography.Paragraph>
          {meta?.demo ? (
            <Typography.Paragraph
              type="secondary"
              data-testid="demo-notice"
              style={{ marginTop: 16, fontSize: 13, textAlign: 'center' }}
            >
              <InfoCircleOutlined style={{ marginInlineEnd: 6 }} />
              <strong>{t('login.demoTitle')}.</strong> {t('login.demoText')}
            </Typography.Paragraph>
          ) : null}
        </div>
      </main>
      <footer className="login-footer">
        {t('login.footer')}
        {meta ? ` · ${t('system.version')} ${meta.version}` : ''}
      </footer>
    </div>
  );
}

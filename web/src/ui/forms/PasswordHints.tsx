import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PASSWORD_RULE_TEXT, checkPassword, type PasswordRule } from '@sievert/core';
import type { RuleObject } from 'antd/es/form';
import { useLanguage } from '../../app/i18n';

const SHOWN_RULES: PasswordRule[] = ['min_length', 'variety', 'contains_username', 'common'];

/** The password policy of core, ticked off live as the user types. */
export function PasswordHints({
  password,
  username = '',
}: {
  password: string | undefined;
  username?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const value = password ?? '';
  const failed = new Set(checkPassword(value, username));
  const rules = failed.has('max_length') ? (['max_length', ...SHOWN_RULES] as PasswordRule[]) : SHOWN_RULES;
  return (
    <div className="password-hints" data-testid="password-hints" aria-live="polite">
      <div className="muted" style={{ fontSize: 12, marginBottom: 2 }}>
        {t('password.policyIntro')}
      </div>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, fontSize: 13 }}>
        {rules.map((rule) => {
          const ok = value !== '' && !failed.has(rule);
          const icon =
            value === '' ? (
              <MinusCircleOutlined style={{ color: '#a0abbb' }} />
            ) : ok ? (
              <CheckCircleFilled style={{ color: '#2f8f4e' }} />
            ) : (
              <CloseCircleFilled style={{ color: '#c0392b' }} />
            );
          return (
            <li
              key={rule}
              data-rule={rule}
              data-ok={ok}
              style={{ display: 'flex', gap: 6, alignItems: 'baseline' }}
            >
              {icon}
              <span>{PASSWORD_RULE_TEXT[rule][language]}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** An antd form rule that applies the same policy before the request is sent. */
export function passwordPolicyRule(message: string, username: () => string = () => ''): RuleObject {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      if (checkPassword(value, username()).length > 0) throw new Error(message);
    },
  };
}

import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { setLanguage, useLanguage } from './index';

/** One button: shows the current language, a click switches to the other one (remembered in this browser). */
export function LanguageSwitch({
  compact = false,
  type = 'text',
}: {
  compact?: boolean;
  type?: 'text' | 'default';
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const next = language === 'vi' ? 'en' : 'vi';
  return (
    <Tooltip title={t('language.switchTo')}>
      <Button
        type={type}
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        data-lang={language}
        aria-label={`${t('language.current')}: ${t(`language.names.${language}`)}. ${t('language.switchTo')}`}
        onClick={() => setLanguage(next)}
      >
        {compact ? language.toUpperCase() : t(`language.names.${language}`)}
      </Button>
    </Tooltip>
  );
}

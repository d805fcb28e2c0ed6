import { Card, Result } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import type { Domain } from './navigation';

/** A domain of the plan whose pages are not built yet: what it will do, nothing more. */
export function UnderConstructionPage({ domain }: { domain: Domain }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`domains.${domain}.title`)} />
      <Card>
        <Result
          icon={<ToolOutlined style={{ color: '#8c9bb0' }} />}
          title={t('underConstruction.title')}
          subTitle={
            <span style={{ display: 'inline-block', maxWidth: 640 }}>{t(`domains.${domain}.summary`)}</span>
          }
        />
      </Card>
    </>
  );
}

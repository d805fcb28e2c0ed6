import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Col, Row, Typography } from 'antd';
import { AimOutlined, CloudOutlined, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { CORDON_PATH, RUN_NEW_PATH, RUNS_PATH } from './paths';
import './emergency.css';

/** The section's tools: test id suffix, i18n key prefix under `emergency.tools`, icon and address. */
const TOOLS: ReadonlyArray<{ id: string; key: 'cordon' | 'run' | 'runs'; icon: ReactNode; path: string }> = [
  { id: 'cordon', key: 'cordon', icon: <AimOutlined />, path: CORDON_PATH },
  { id: 'run', key: 'run', icon: <CloudOutlined />, path: RUN_NEW_PATH },
  { id: 'runs', key: 'runs', icon: <HistoryOutlined />, path: RUNS_PATH },
];

/** "Ứng phó khẩn cấp": the tools of the section, each a card with what it does and the way in. */
export default function EmergencyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('domains.emergency.title')} subtitle={t('emergency.subtitle')} />
      <Row gutter={[16, 16]}>
        {TOOLS.map((tool) => (
          <Col xs={24} md={12} xl={8} key={tool.id}>
            <Card
              title={
                <span>
                  <span style={{ marginRight: 8 }}>{tool.icon}</span>
                  {t(`emergency.tools.${tool.key}Title`)}
                </span>
              }
              data-testid={`emergency-tool-${tool.id}`}
            >
              <Typography.Paragraph>{t(`emergency.tools.${tool.key}Summary`)}</Typography.Paragraph>
              <Button
                type="primary"
                href={tool.path}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate(tool.path);
                }}
                data-testid={`emergency-open-${tool.id}`}
              >
                {t('emergency.tools.open')}
              </Button>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

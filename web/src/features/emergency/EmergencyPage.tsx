import { useNavigate } from 'react-router-dom';
import { Button, Card, Col, Row, Typography } from 'antd';
import { AimOutlined, CloudOutlined, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { CORDON_PATH, RUN_NEW_PATH, RUNS_PATH } from './paths';
import './emergency.css';

/** "Ứng phó khẩn cấp": the tools of the section, each a card with what it does and the way in. */
export default function EmergencyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('domains.emergency.title')} subtitle={t('emergency.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <Card
            title={
              <span>
                <AimOutlined style={{ marginRight: 8 }} />
                {t('emergency.tools.cordonTitle')}
              </span>
            }
            data-testid="emergency-tool-cordon"
          >
            <Typography.Paragraph>{t('emergency.tools.cordonSummary')}</Typography.Paragraph>
            <Button
              type="primary"
              href={CORDON_PATH}
              onClick={(event) => {
                event.preventDefault();
                void navigate(CORDON_PATH);
              }}
              data-testid="emergency-open-cordon"
            >
              {t('emergency.tools.open')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card
            title={
              <span>
                <CloudOutlined style={{ marginRight: 8 }} />
                {t('emergency.tools.runTitle')}
              </span>
            }
            data-testid="emergency-tool-run"
          >
            <Typography.Paragraph>{t('emergency.tools.runSummary')}</Typography.Paragraph>
            <Button
              type="primary"
              href={RUN_NEW_PATH}
              onClick={(event) => {
                event.preventDefault();
                void navigate(RUN_NEW_PATH);
              }}
              data-testid="emergency-open-run"
            >
              {t('emergency.tools.open')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Card
            title={
              <span>
                <HistoryOutlined style={{ marginRight: 8 }} />
                {t('emergency.tools.runsTitle')}
              </span>
            }
            data-testid="emergency-tool-runs"
          >
            <Typography.Paragraph>{t('emergency.tools.runsSummary')}</Typography.Paragraph>
            <Button
              type="primary"
              href={RUNS_PATH}
              onClick={(event) => {
                event.preventDefault();
                void navigate(RUNS_PATH);
              }}
              data-testid="emergency-open-runs"
            >
              {t('emergency.tools.open')}
            </Button>
          </Card>
        </Col>
      </Row>
    </>
  );
}

import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Breadcrumb, Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { CloudOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@sievert/core';
import { ApiError } from '../../app/api/client';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { runNewForIncidentPath } from '../emergency/paths';
import { incidentReportUrl, useIncident } from './api';
import { ExerciseBanner, ExerciseTag, IncidentSeverityTag, IncidentStateTag, InesTag } from './badges';
import { BoardMap } from './BoardMap';
import { ClocksCard } from './ClocksCard';
import { DetailsCard } from './DetailsCard';
import { ExerciseReportCard } from './ExerciseReportCard';
import { IncidentActions } from './IncidentActions';
import { LinksCard } from './LinksCard';
import { useIncidentLiveUpdates } from './live';
import { NoticesCard } from './NoticesCard';
import { INCIDENTS_PATH } from './paths';
import { TasksCard } from './TasksCard';
import { TimelineCard } from './Timeline';
import '../registry/registry.css';
import './incidents.css';

function Breadcrumbs({ current }: { current: string }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      className="registry-breadcrumb"
      items={[{ title: <Link to={INCIDENTS_PATH}>{t('domains.incidents.title')}</Link> }, { title: current }]}
    />
  );
}

/** Number, title, where the incident stands, and the moves and documents of the command. */
function BoardHeader({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const prefix = incident.exercise ? `${t('incidents.exercise.tag')} · ` : '';
  useEffect(() => {
    document.title = `${prefix}${incident.number} ${incident.title} · Sievert`;
  }, [prefix, incident.number, incident.title]);
  return (
    <Flex className="page-header incident-header" justify="space-between" align="flex-start" gap={12} wrap>
      <div style={{ minWidth: 0, flex: '1 1 360px' }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
          <span className="mono incident-number" data-testid="incident-number">
            {incident.number}
          </span>{' '}
          <span data-testid="incident-title">{incident.title}</span>
        </Typography.Title>
        <Flex gap={6} wrap align="center" style={{ marginTop: 6 }}>
          {incident.exercise ? <ExerciseTag /> : null}
          <IncidentStateTag state={incident.state} testId="incident-state" />
          <span className="incident-kind" data-testid="incident-kind-label" data-kind={incident.kind}>
            {t(`incidents.kinds.${incident.kind}`)}
          </span>
          {incident.severity ? <IncidentSeverityTag severity={incident.severity} /> : null}
          {incident.ines !== null ? <InesTag level={incident.ines} /> : null}
        </Flex>
      </div>
      <Flex gap={8} wrap className="page-header-extra">
        <IncidentActions incident={incident} />
        <Link to={runNewForIncidentPath(incident.id)}>
          <Button icon={<CloudOutlined />} data-testid="incident-dispersion">
            {t('incidents.links.newRun')}
          </Button>
        </Link>
        <Button
          icon={<FileWordOutlined />}
          href={incidentReportUrl(incident.id)}
          download={`bao-cao-su-co-${incident.number.replace('/', '-')}.docx`}
          data-testid="incident-report-docx"
        >
          {t('incidents.board.reportDocx')}
        </Button>
      </Flex>
    </Flex>
  );
}

/**
 * The command board of one incident: header and lifecycle, statutory clocks, tasks, live timeline, map, links,
 * notices and — for an exercise — the banner on top and the exercise report. Live: every `incident.updated`
 * about it reloads what changed.
 */
export default function IncidentBoardPage() {
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const incident = useIncident(valid ? id : null);
  useIncidentLiveUpdates(valid ? id : undefined);

  if (incident.isError || !valid)
    return (
      <>
        <Breadcrumbs current={`#${params.id ?? ''}`} />
        <LoadError
          error={
            valid
              ? incident.error
              : new ApiError(404, 'entity.not_found', 'Not found', { entity: 'incident', id: params.id })
          }
          onRetry={() => void incident.refetch()}
        />
      </>
    );
  const data = incident.data;
  if (!data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  return (
    <div className={data.exercise ? 'incident-board incident-board-exercise' : 'incident-board'}>
      {data.exercise ? <ExerciseBanner /> : null}
      <Breadcrumbs current={data.number} />
      <BoardHeader incident={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <ClocksCard incident={data} />
            <TasksCard incident={data} />
            <TimelineCard incident={data} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            {data.exercise ? <ExerciseReportCard incident={data} /> : null}
            <DetailsCard incident={data} />
            <BoardMap incident={data} />
            <LinksCard incident={data} />
            <NoticesCard incident={data} />
          </Flex>
        </Col>
      </Row>
    </div>
  );
}

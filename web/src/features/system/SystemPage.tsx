import { Badge, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { ApiOutlined, CloudServerOutlined, HeartOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n';
import { useMeta } from '../../app/meta';
import { PageHeader } from '../../ui/PageHeader';
import { LoadError } from '../../ui/errors/ErrorAlert';

/** Health endpoints answer for load balancers; here we only need "up" and how long it took. */
function useProbe(path: '/healthz' | '/readyz') {
  return useQuery({
    queryKey: ['probe', path],
    queryFn: async ({ signal }) => {
      const started = performance.now();
      const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
      return { ok: response.ok, status: response.status, ms: Math.round(performance.now() - started) };
    },
    refetchInterval: 30_000,
    retry: false,
  });
}

function ProbeLine({ path }: { path: '/healthz' | '/readyz' }) {
  const { t } = useTranslation();
  const probe = useProbe(path);
  return (
    <Flex gap={8} align="center" wrap>
      <a href={path} target="_blank" rel="noreferrer" className="mono">
        {path}
      </a>
      {probe.isPending ? (
        <Badge status="processing" text={t('system.checking')} />
      ) : probe.data?.ok ? (
        <Badge status="success" text={`${t('system.up')} · ${probe.data.ms} ms`} />
      ) : (
        <Badge
          status="error"
          text={probe.data ? `${t('system.down')} (HTTP ${probe.data.status})` : t('system.down')}
        />
      )}
    </Flex>
  );
}

export default function SystemPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const meta = useMeta();
  const data = meta.data;

  return (
    <>
      <PageHeader title={t('nav.admin.system')} subtitle={t('system.subtitle')} />
      {meta.isError ? (
        <LoadError error={meta.error} onRetry={() => void meta.refetch()} />
      ) : !data ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card
              title={
                <Flex gap={8}>
                  <InfoCircleOutlined />
                  {t('system.installation')}
                </Flex>
              }
            >
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'product', label: t('system.product'), children: data.name },
                  {
                    key: 'version',
                    label: t('system.version'),
                    children: (
                      <span className="mono" data-testid="system-version">
                        {data.version}
                      </span>
                    ),
                  },
                  {
                    key: 'province',
                    label: t('system.province'),
                    children: `${language === 'en' ? data.province.nameEn : data.province.name} (${t('system.code')} ${data.province.code})`,
                  },
                  {
                    key: 'demo',
                    label: t('system.demo'),
                    children: data.demo ? (
                      <Tag color="orange">{t('system.demoOn')}</Tag>
                    ) : (
                      <Tag>{t('system.demoOff')}</Tag>
                    ),
                  },
                  {
                    key: 'tiles',
                    label: t('system.mapTiles'),
                    children: data.map.tileUrl ? (
                      <div>
                        <div className="mono" style={{ wordBreak: 'break-all' }}>
                          {data.map.tileUrl}
                        </div>
                        {data.map.tileAttribution ? (
                          <div className="muted">{data.map.tileAttribution}</div>
                        ) : null}
                      </div>
                    ) : (
                      <span className="muted">{t('system.noTiles')}</span>
                    ),
                  },
                  { key: 'time', label: t('system.timeZone'), children: t('system.timeZoneValue') },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Flex vertical gap={16}>
              <Card
                title={
                  <Flex gap={8}>
                    <CloudServerOutlined />
                    {t('system.mqtt')}
                  </Flex>
                }
                data-testid="system-mqtt"
              >
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    {
                      key: 'mode',
                      label: t('system.mqttMode'),
                      children: (
                        <Tag color={data.mqtt.mode === 'off' ? 'default' : 'blue'}>
                          {t(`system.mqttModes.${data.mqtt.mode}`)}
                        </Tag>
                      ),
                    },
                    {
                      key: 'url',
                      label: t('system.mqttUrl'),
                      children: data.mqtt.url ? (
                        <Typography.Text copyable className="mono" data-testid="system-mqtt-url">
                          {data.mqtt.url}
                        </Typography.Text>
                      ) : (
                        <span className="muted">—</span>
                      ),
                    },
                    ...(data.mqtt.movedFromPort !== null
                      ? [
                          {
                            key: 'note',
                            label: t('system.mqttNote'),
                            children: (
                              <span data-testid="system-mqtt-note">
                                {t('system.mqttMoved', { port: data.mqtt.movedFromPort })}
                              </span>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
              <Card
                title={
                  <Flex gap={8}>
                    <ApiOutlined />
                    {t('system.api')}
                  </Flex>
                }
              >
                <Flex vertical gap={8}>
                  <div>
                    <a href="/docs" target="_blank" rel="noreferrer" data-testid="system-docs-link">
                      {t('system.openApiDocs')}
                    </a>
                    <div className="muted" style={{ fontSize: 12 }}>
                      {t('system.openApiHint')}
                    </div>
                  </div>
                </Flex>
              </Card>
              <Card
                title={
                  <Flex gap={8}>
                    <HeartOutlined />
                    {t('system.health')}
                  </Flex>
                }
              >
                <Flex vertical gap={8}>
                  <ProbeLine path="/healthz" />
                  <ProbeLine path="/readyz" />
                </Flex>
              </Card>
            </Flex>
          </Col>
        </Row>
      )}
    </>
  );
}

import { Alert, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format';
import { significantDigits } from './cordonView';
import { periodParts, zoneCentroid, zoneColour, zoneKey, type ZoneView } from './runView';

export interface RunResultsData {
  sigma: string;
  windAtReleaseMS: number;
  maxima: ReadonlyArray<{ periodS: number; effectiveSv: number; thyroidSv: number; atDownwindM: number }>;
  zones: readonly ZoneView[];
  missing: ReadonlyArray<{ nuclide: string; pathway: string; reason: string }>;
  assumptions: readonly string[];
}

/** The criterion of a zone in words: "Sơ tán hoặc trú ẩn: 100 mSv trong 7 ngày". */
export function useZoneLabel(): (
  zone: Pick<ZoneView, 'code' | 'quantity' | 'periodS' | 'thresholdSv'>,
) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (zone) => {
    const key = zoneKey(zone.code);
    const period = periodParts(zone.periodS);
    return t('emergency.run.zones.label', {
      action: key ? t(`emergency.run.zones.${key}`) : zone.code,
      value: format.number(zone.thresholdSv * 1000),
      quantity: t(`emergency.run.zones.quantity.${zone.quantity === 'thyroid' ? 'thyroid' : 'effective'}`),
      period: t(`emergency.run.period.${period.key}`, { count: period.count }),
    });
  };
}

function mSv(sv: number, number: (value: number, digits?: number) => string): string {
  const v = sv * 1000;
  return number(v, significantDigits(v));
}

/**
 * The side panel of a run: legend of the zones (criterion, colour, area, and the communes for a stored run), the
 * highest projected doses, the σ set, assumptions, missing data and the validity range.
 */
export function RunResults({ data, showCommunes = false }: { data: RunResultsData; showCommunes?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const zoneLabel = useZoneLabel();
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('emergency.run.result.zones')}
        </Typography.Title>
        {data.zones.length === 0 ? (
          <Typography.Text type="secondary" data-testid="run-no-zones">
            {t('emergency.run.result.noZones')}
          </Typography.Text>
        ) : (
          <ul className="run-legend" data-testid="run-legend">
            {data.zones.map((zone) => (
              <li
                key={zone.code}
                data-testid={`run-zone-${zone.code}`}
                data-area={zone.areaKm2}
                data-centroid={zoneCentroid(zone.coordinates)}
              >
                <span
                  className="run-legend-swatch"
                  style={{ borderColor: zoneColour(zone.code), background: `${zoneColour(zone.code)}55` }}
                />
                <div style={{ minWidth: 0 }}>
                  <div>{zoneLabel(zone)}</div>
                  <Typography.Text type="secondary">
                    {t('emergency.run.result.area', {
                      value: format.number(zone.areaKm2, significantDigits(zone.areaKm2)),
                    })}
                  </Typography.Text>
                  {showCommunes ? (
                    <div data-testid={`run-communes-${zone.code}`}>
                      {zone.communes && zone.communes.length > 0 ? (
                        <Flex wrap gap={4} style={{ marginTop: 4 }}>
                          {zone.communes.map((c) => (
                            <Tag key={c.code}>{c.name}</Tag>
                          ))}
                        </Flex>
                      ) : (
                        <Typography.Text type="secondary">
                          {t('emergency.run.result.noCommunes')}
                        </Typography.Text>
                      )}
                    </div>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('emergency.run.result.maxima')}
        </Typography.Title>
        <Table
          size="small"
          pagination={false}
          rowKey="periodS"
          data-testid="run-maxima"
          dataSource={[...data.maxima]}
          columns={[
            {
              title: t('emergency.run.result.period'),
              key: 'period',
              render: (_: unknown, row) => {
                const p = periodParts(row.periodS);
                return t(`emergency.run.period.${p.key}`, { count: p.count });
              },
            },
            {
              title: t('emergency.run.result.effective'),
              key: 'e',
              align: 'right',
              render: (_: unknown, row) => mSv(row.effectiveSv, format.number),
            },
            {
              title: t('emergency.run.result.thyroid'),
              key: 't',
              align: 'right',
              render: (_: unknown, row) => mSv(row.thyroidSv, format.number),
            },
            {
              title: t('emergency.run.result.at'),
              key: 'x',
              align: 'right',
              render: (_: unknown, row) => format.number(row.atDownwindM / 1000, 1),
            },
          ]}
        />
      </div>
      <Descriptions
        size="small"
        column={1}
        bordered
        layout="vertical"
        items={[
          {
            key: 'sigma',
            label: t('emergency.run.result.sigma'),
            children: (
              <span data-testid="run-sigma" data-value={data.sigma}>
                {t(`emergency.run.sigma.${data.sigma}`, { defaultValue: data.sigma })}
                {' · '}
                {t('emergency.run.result.windAtRelease', {
                  value: format.number(data.windAtReleaseMS, 1),
                })}
              </span>
            ),
          },
          {
            key: 'validity',
            label: t('emergency.run.result.validityTitle'),
            children: <span data-testid="run-validity">{t('emergency.run.result.validity')}</span>,
          },
          {
            key: 'assumptions',
            label: t('emergency.run.result.assumptions'),
            children: (
              <ul className="cordon-assumptions" data-testid="run-assumptions">
                {data.assumptions.map((code) => (
                  <li key={code}>
                    {t(`emergency.run.assumptions.${code.replace(/^run\./, '')}`, { defaultValue: code })}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {data.missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="run-missing"
          title={t('emergency.run.result.missingTitle')}
          description={
            <ul className="cordon-assumptions">
              {data.missing.map((m) => (
                <li key={`${m.nuclide}-${m.pathway}`}>
                  {t('emergency.run.result.missingItem', {
                    nuclide: m.nuclide,
                    pathway: t(`emergency.run.pathways.${m.pathway}`, { defaultValue: m.pathway }),
                  })}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {data.zones.length === 0 && data.maxima.length === 0 ? <Empty /> : null}
    </Flex>
  );
}

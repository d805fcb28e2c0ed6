import { Alert, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format';
import { significantDigits } from './cordonView';
import { useDurationText, useZoneLabel, zonePopulationText } from './runDisplay';
import { periodParts, zoneCentroid, zoneColour, type ZoneCommuneView, type ZoneView } from './runView';

export interface RunResultsData {
  model: string;
  sigma: string;
  windAtReleaseMS: number;
  effectiveHeightM: number;
  plumeRiseM: number;
  ageGroup: string;
  maxima: ReadonlyArray<{ periodS: number; effectiveSv: number; thyroidSv: number; atDownwindM: number }>;
  /** Per nuclide: highest time-integrated concentration and deposition (absent in runs stored before them). */
  nuclides?: ReadonlyArray<{
    nuclide: string;
    ticBqSPerM3: number;
    ticAtM: number;
    depositionBqPerM2: number;
    depositionAtM: number;
  }>;
  zones: readonly ZoneView[];
  missing: ReadonlyArray<{ nuclide: string; pathway: string; reason: string }>;
  assumptions: readonly string[];
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `1.2e12` → `1,2 × 10¹²` (two significant digits, the locale's decimal mark). */
function scientific(x: number, number: (value: number, digits?: number) => string): string {
  if (!(x > 0) || !Number.isFinite(x)) return number(0);
  let e = Math.floor(Math.log10(x));
  let m = Math.round((x / 10 ** e) * 10) / 10;
  if (m >= 10) {
    m /= 10;
    e += 1;
  }
  if (e >= -2 && e <= 3) return number(x, Math.max(0, 1 - e));
  const sup = String(e)
    .split('')
    .map((d) => (d === '-' ? '⁻' : SUPERSCRIPT[Number(d)]))
    .join('');
  return `${number(m, 1)} × 10${sup}`;
}

function mSv(sv: number, number: (value: number, digits?: number) => string): string {
  const v = sv * 1000;
  return number(v, significantDigits(v));
}

/** core's reason for a child's coefficient replaced by the adult one (run-doses.ts). */
const ADULT_USED = 'adult_coefficient_used';

/** The i18n key of an assumption code: 'run.steady_gaussian_plume' → 'steady_gaussian_plume'. */
export function assumptionKey(code: string): string {
  return code.replace(/^run\./, '');
}

/** The communes of one zone: share of each commune inside, people there, and when the plume gets there. */
function ZoneCommunes({ zone }: { zone: ZoneView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDurationText();
  const communes = zone.communes ?? [];
  if (communes.length === 0)
    return <Typography.Text type="secondary">{t('emergency.run.result.noCommunes')}</Typography.Text>;
  // A stored run of before populations were kept has the names only: tags, as then.
  if (communes.every((c) => c.fraction === undefined))
    return (
      <Flex wrap gap={4} style={{ marginTop: 4 }}>
        {communes.map((c) => (
          <Tag key={c.code}>{c.name}</Tag>
        ))}
      </Flex>
    );
  return (
    <Table<ZoneCommuneView>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={[...communes]}
      style={{ marginTop: 6 }}
      className="run-zone-communes"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('emergency.run.communes.name'), key: 'name', render: (_: unknown, c) => c.name },
        {
          title: t('emergency.run.communes.share'),
          key: 'share',
          align: 'right',
          render: (_: unknown, c) =>
            c.fraction === undefined
              ? '—'
              : c.fraction < 0.001
                ? `< ${format.number(0.1, 1)} %`
                : `${format.number(c.fraction * 100, c.fraction < 0.1 ? 1 : 0)} %`,
        },
        {
          title: t('emergency.run.communes.population'),
          key: 'population',
          align: 'right',
          render: (_: unknown, c) =>
            c.population === null || c.population === undefined ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} className="run-nowrap">
                {t('emergency.run.communes.noPopulation')}
              </Typography.Text>
            ) : (
              format.number(Math.round(c.population))
            ),
        },
        {
          title: t('emergency.run.communes.arrival'),
          key: 'arrival',
          align: 'right',
          render: (_: unknown, c) =>
            c.arrivalS === null || c.arrivalS === undefined ? '—' : duration(c.arrivalS),
        },
      ]}
    />
  );
}

/**
 * Data the doses lack: pathways without data (the doses are lower bounds there) and, for a child's age group, the
 * coefficients where the adult one stood in.
 */
function MissingData({ missing }: { missing: RunResultsData['missing'] }) {
  const { t } = useTranslation();
  const adult = missing.filter((m) => m.reason === ADULT_USED);
  const absent = missing.filter((m) => m.reason !== ADULT_USED);
  const item = (m: RunResultsData['missing'][number], key: 'missingItem' | 'adultUsedItem') => (
    <li key={`${m.nuclide}-${m.pathway}-${m.reason}`}>
      {t(`emergency.run.result.${key}`, {
        nuclide: m.nuclide,
        pathway: t(`emergency.run.pathways.${m.pathway}`, { defaultValue: m.pathway }),
      })}
    </li>
  );
  return (
    <>
      {absent.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="run-missing"
          title={t('emergency.run.result.missingTitle')}
          description={<ul className="cordon-assumptions">{absent.map((m) => item(m, 'missingItem'))}</ul>}
        />
      ) : null}
      {adult.length > 0 ? (
        <Alert
          type="info"
          showIcon
          data-testid="run-adult-used"
          title={t('emergency.run.result.adultUsedTitle')}
          description={<ul className="cordon-assumptions">{adult.map((m) => item(m, 'adultUsedItem'))}</ul>}
        />
      ) : null}
    </>
  );
}

/**
 * The side panel of a run: legend of the zones (criterion, colour, area, people and, for a stored run, the
 * communes), the highest projected doses, the model and σ set, the effective height, the age group, assumptions,
 * missing data and the validity range.
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
            {data.zones.map((zone) => {
              const people = zonePopulationText(zone, t, format.number);
              return (
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
                  <div style={{ minWidth: 0, flex: 1 }}>
                    <div>{zoneLabel(zone)}</div>
                    <Typography.Text type="secondary">
                      {t('emergency.run.result.area', {
                        value: format.number(zone.areaKm2, significantDigits(zone.areaKm2)),
                      })}
                      {people ? (
                        <span data-testid={`run-zone-population-${zone.code}`}>
                          {' · '}
                          {people}
                        </span>
                      ) : null}
                    </Typography.Text>
                    {showCommunes ? (
                      <div data-testid={`run-communes-${zone.code}`}>
                        <ZoneCommunes zone={zone} />
                      </div>
                    ) : null}
                  </div>
                </li>
              );
            })}
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
      {data.nuclides && data.nuclides.length > 0 ? (
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('emergency.run.result.airAndGround')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="nuclide"
            data-testid="run-nuclide-maxima"
            scroll={{ x: 'max-content' }}
            dataSource={[...data.nuclides]}
            columns={[
              { title: t('emergency.run.form.nuclide'), key: 'n', render: (_: unknown, r) => r.nuclide },
              {
                title: t('emergency.run.result.tic'),
                key: 'tic',
                align: 'right',
                render: (_: unknown, r) => (
                  <span className="run-nowrap">
                    {scientific(r.ticBqSPerM3, format.number)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      · {format.number(r.ticAtM / 1000, 1)} km
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('emergency.run.result.deposition'),
                key: 'dep',
                align: 'right',
                render: (_: unknown, r) => (
                  <span className="run-nowrap">
                    {scientific(r.depositionBqPerM2 / 1000, format.number)}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      · {format.number(r.depositionAtM / 1000, 1)} km
                    </Typography.Text>
                  </span>
                ),
              },
            ]}
          />
        </div>
      ) : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        layout="vertical"
        items={[
          {
            key: 'model',
            label: t('emergency.run.result.model'),
            children: (
              <span data-testid="run-model" data-value={data.model}>
                {t(`emergency.run.model.${data.model === 'puff_train' ? 'puff_train' : 'plume'}`)}
              </span>
            ),
          },
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
            key: 'height',
            label: t('emergency.run.result.effectiveHeight'),
            children: (
              <span data-testid="run-effective-height" data-value={data.effectiveHeightM}>
                {data.plumeRiseM > 0
                  ? t('emergency.run.result.effectiveHeightRise', {
                      height: format.number(data.effectiveHeightM, 0),
                      rise: format.number(data.plumeRiseM, 0),
                    })
                  : t('emergency.run.result.effectiveHeightValue', {
                      height: format.number(data.effectiveHeightM, 1),
                    })}
              </span>
            ),
          },
          {
            key: 'age',
            label: t('emergency.run.form.ageGroup'),
            children: (
              <span data-testid="run-age-group-result">
                {t(`emergency.run.ageGroups.${data.ageGroup}`, { defaultValue: data.ageGroup })}
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
                    {t(`emergency.run.assumptions.${assumptionKey(code)}`, { defaultValue: code })}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      <MissingData missing={data.missing} />
      {data.zones.length === 0 && data.maxima.length === 0 ? <Empty /> : null}
    </Flex>
  );
}

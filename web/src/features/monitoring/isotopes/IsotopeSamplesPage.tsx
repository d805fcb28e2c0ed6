import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Checkbox, DatePicker, Flex, Grid, Select, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { Permission, type IsotopeSample } from '@sievert/core';
import { useAuth } from '../../../app/auth/AuthContext';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { ErrorAlert } from '../../../ui/errors/ErrorAlert';
import { FilterBar, ListTable } from '../../../ui/table/ListTable';
import { useListParams } from '../../../ui/table/useListParams';
import { isotopePath, riversOf, useDeleteIsotopeSample, useIsotopePoints, useIsotopeSamples } from './api';
import { IsotopeSampleDrawer } from './IsotopeSampleDrawer';
import { IsotopeFlags, IsotopeSection } from './IsotopeSection';
import { useFixed } from './isotopeFormat';

const FILTERS = ['q', 'river', 'station', 'from', 'to', 'flagged'] as const;
/** The fields GET /isotopes/samples sorts by. */
const SORT_FIELDS = ['sampledAt', 'station', 'sampleCode', 'd18o', 'd2h', 'tritiumTu'];
const STATION_CODE = /^[A-Z]{2}[A-Z0-9]{1,18}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function useColumns(
  onEdit: ((sample: IsotopeSample) => void) | null,
  onDelete: ((sample: IsotopeSample) => void) | null,
) {
  const { t } = useTranslation();
  const format = useFormat();
  const fixed = useFixed();
  const language = useLanguage();
  const screens = Grid.useBreakpoint();
  // A phone: the sample, its date, point and river in one column and each uncertainty under its value, so that
  // the δ values are on screen without scrolling sideways.
  const stacked = !screens.md;
  const dash = <span className="muted">—</span>;
  const value = (v: number | null, unc: number | null, digits: number) =>
    v === null ? (
      dash
    ) : stacked ? (
      <div style={{ whiteSpace: 'nowrap' }}>
        {fixed(v, digits)}
        {unc !== null ? <div className="isotope-sub muted">± {fixed(unc, digits)}</div> : null}
      </div>
    ) : (
      <span style={{ whiteSpace: 'nowrap' }}>
        {fixed(v, digits)}
        {unc !== null ? <span className="muted"> ± {fixed(unc, digits)}</span> : null}
      </span>
    );
  const riverLink = (s: IsotopeSample) => {
    const river = language === 'en' ? (s.riverEn ?? s.riverVi) : s.riverVi;
    return river ? (
      <Link
        to={isotopePath('analysis', s.riverVi)}
        title={t('isotopes.list.openAnalysis')}
        data-testid="isotope-river-link"
      >
        {river}
      </Link>
    ) : (
      <span className="muted">{t('isotopes.list.noRiver')}</span>
    );
  };
  // The lab and the method on hover (their own column shows on wide screens only).
  const sampleCode = (s: IsotopeSample) => (
    <Tooltip title={[s.lab, s.method].filter(Boolean).join(' · ') || undefined}>
      <span className="mono" style={{ whiteSpace: 'nowrap' }} data-testid={`isotope-row-${s.sampleCode}`}>
        {s.sampleCode}
      </span>
    </Tooltip>
  );
  const columns: ColumnsType<IsotopeSample> = stacked
    ? [
        {
          title: t('isotopes.list.sample'),
          key: 'sampledAt',
          sorter: true,
          render: (_v, s) => (
            <div style={{ whiteSpace: 'nowrap' }}>
              {sampleCode(s)}
              <div className="isotope-sub muted">
                {format.date(s.sampledAt)} · <span title={s.stationName}>{s.stationCode}</span>
              </div>
              <div className="isotope-sub">{riverLink(s)}</div>
            </div>
          ),
        },
      ]
    : [
        {
          title: t('isotopes.fields.sampledAt'),
          key: 'sampledAt',
          sorter: true,
          render: (_v, s) => <span style={{ whiteSpace: 'nowrap' }}>{format.date(s.sampledAt)}</span>,
        },
        {
          title: t('isotopes.fields.station'),
          key: 'station',
          sorter: true,
          // The point's code, and under it its river (a link to the river's analysis).
          render: (_v, s) => (
            <div style={{ whiteSpace: 'nowrap' }}>
              <Tooltip title={s.stationName}>
                <span className="mono">{s.stationCode}</span>
              </Tooltip>
              <div className="isotope-sub">{riverLink(s)}</div>
            </div>
          ),
        },
        {
          title: t('isotopes.fields.sampleCode'),
          key: 'sampleCode',
          sorter: true,
          render: (_v, s) => sampleCode(s),
        },
      ];
  columns.push(
    {
      title: t('isotopes.fields.d18o'),
      key: 'd18o',
      sorter: true,
      align: 'right',
      render: (_v, s) => value(s.d18o, s.d18oUnc, 2),
    },
    {
      title: t('isotopes.fields.d2h'),
      key: 'd2h',
      sorter: true,
      align: 'right',
      render: (_v, s) => value(s.d2h, s.d2hUnc, 1),
    },
    {
      title: <Tooltip title={t('isotopes.fields.dExcess')}>{t('isotopes.fields.dExcessShort')}</Tooltip>,
      key: 'dExcess',
      align: 'right',
      render: (_v, s) => value(s.dExcess, s.dExcessUnc, 1),
    },
    {
      title: t('isotopes.fields.tritiumTu'),
      key: 'tritiumTu',
      sorter: true,
      align: 'right',
      render: (_v, s) => value(s.tritiumTu, s.tritiumUnc, 1),
    },
    {
      title: t('isotopes.fields.flags'),
      key: 'flags',
      render: (_v, s) => (
        <div style={{ minWidth: 100, maxWidth: 240 }}>
          <IsotopeFlags flags={s.flags} />
        </div>
      ),
    },
    {
      title: t('isotopes.fields.lab'),
      key: 'lab',
      // Wide screens only (elsewhere on hover over the sample code).
      responsive: ['xxl'],
      render: (_v, s) => (s.lab ? <div style={{ minWidth: 120, maxWidth: 260 }}>{s.lab}</div> : dash),
    },
  );
  if (onEdit && onDelete)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      // Pinned on a wide screen; on a phone it would hide half of the few columns that fit.
      fixed: screens.md ? 'right' : undefined,
      render: (_v, s) => (
        <Flex gap={4}>
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            onClick={() => onEdit(s)}
            aria-label={t('isotopes.list.edit')}
            title={t('isotopes.list.edit')}
            data-testid={`isotope-edit-${s.sampleCode}`}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onDelete(s)}
            aria-label={t('isotopes.list.delete')}
            title={t('isotopes.list.delete')}
            data-testid={`isotope-delete-${s.sampleCode}`}
          />
        </Flex>
      ),
    });
  return columns;
}

/** The samples and their lab results, filtered by river, point, dates and flags. */
export default function IsotopeSamplesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const language = useLanguage();
  const list = useListParams(FILTERS, { sorts: SORT_FIELDS });
  const { filters } = list;
  const points = useIsotopePoints();
  const rivers = useMemo(() => riversOf(points.data), [points.data]);
  const river = filters.river && filters.river.length <= 100 ? filters.river : undefined;
  const station = filters.station && STATION_CODE.test(filters.station) ? filters.station : undefined;
  const from = filters.from && DATE.test(filters.from) ? filters.from : undefined;
  const to = filters.to && DATE.test(filters.to) ? filters.to : undefined;
  const flagged = filters.flagged === '1';
  const samples = useIsotopeSamples({
    q: filters.q || undefined,
    river,
    station,
    from,
    to,
    flagged: flagged || undefined,
    sort: list.sort,
    limit: list.pageSize,
    offset: list.offset,
  });
  const remove = useDeleteIsotopeSample();
  const [drawer, setDrawer] = useState<{ open: boolean; id: number | null; session: number }>({
    open: false,
    id: null,
    session: 0,
  });
  const manage = can(Permission.IsotopeManage);
  const open = (id: number | null) => setDrawer((d) => ({ open: true, id, session: d.session + 1 }));
  const confirmDelete = (sample: IsotopeSample) =>
    void modal.confirm({
      title: t('isotopes.list.deleteTitle', { code: sample.sampleCode }),
      content: t('isotopes.list.deleteText'),
      okText: t('isotopes.list.delete'),
      okButtonProps: { danger: true, 'data-testid': 'isotope-delete-ok' },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove
          .mutateAsync(sample)
          .then(() => void message.success(t('isotopes.list.deleted', { code: sample.sampleCode }))),
    });
  const columns = useColumns(manage ? (s) => open(s.id) : null, manage ? confirmDelete : null);
  const pointOptions = (points.data ?? [])
    .filter((p) => !river || p.riverVi === river || p.riverEn === river)
    .map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }));

  return (
    <IsotopeSection
      section="samples"
      extra={
        manage ? (
          <>
            <Button
              icon={<UploadOutlined />}
              href={isotopePath('import')}
              onClick={(event) => {
                event.preventDefault();
                void navigate(isotopePath('import'));
              }}
              data-testid="isotope-open-import"
            >
              {t('isotopes.tabs.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => open(null)}
              data-testid="isotope-create"
            >
              {t('isotopes.list.create')}
            </Button>
          </>
        ) : null
      }
    >
      <Card className="isotope-list-card">
        <FilterBar
          list={list}
          search={{ placeholder: t('isotopes.filters.search'), testId: 'isotope-search', width: 300 }}
        >
          <Select<string>
            value={river}
            allowClear
            placeholder={t('isotopes.filters.allRivers')}
            onChange={(value) => list.setFilters({ river: value, station: undefined })}
            options={rivers.map((r) => ({ value: r.vi, label: language === 'en' ? (r.en ?? r.vi) : r.vi }))}
            style={{ width: 180 }}
            data-testid="isotope-filter-river"
          />
          <Select<string>
            value={station}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('isotopes.filters.allPoints')}
            onChange={(value) => list.setFilters({ station: value })}
            options={pointOptions}
            style={{ width: 240 }}
            popupMatchSelectWidth={false}
            data-testid="isotope-filter-station"
          />
          <DatePicker.RangePicker
            value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
            onChange={(value) =>
              list.setFilters({
                from: value?.[0]?.format('YYYY-MM-DD'),
                to: value?.[1]?.format('YYYY-MM-DD'),
              })
            }
            format="DD/MM/YYYY"
            allowEmpty={[true, true]}
            style={{ width: 260 }}
            data-testid="isotope-filter-range"
          />
          <Checkbox
            checked={flagged}
            onChange={(event) => list.setFilters({ flagged: event.target.checked ? '1' : undefined })}
            data-testid="isotope-filter-flagged"
          >
            {t('isotopes.filters.flaggedOnly')}
          </Checkbox>
        </FilterBar>
        {remove.isError ? <ErrorAlert error={remove.error} style={{ marginBottom: 12 }} /> : null}
        <ListTable<IsotopeSample>
          list={list}
          query={samples}
          columns={columns}
          empty={t('isotopes.list.empty')}
          rowClassName={(s) => (s.flags.length > 0 ? 'isotope-row-flagged' : '')}
          testId="isotope-samples-table"
        />
      </Card>
      {manage ? (
        <IsotopeSampleDrawer
          key={drawer.session}
          open={drawer.open}
          id={drawer.id}
          onClose={() => setDrawer((d) => ({ ...d, open: false }))}
        />
      ) : null}
    </IsotopeSection>
  );
}

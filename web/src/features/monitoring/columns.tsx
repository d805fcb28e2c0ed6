import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Station } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { communeLabel, useCommunes } from '../geo/api';
import { stationPath } from './api';
import { StationStatusTag, useIntervalText } from './badges';

/** The commune or ward of a code, in the user's language (the code itself while the list loads). */
export function useCommuneName(): (code: string | null) => string | null {
  const language = useLanguage();
  const communes = useCommunes();
  const byCode = useMemo(
    () => new Map((communes.data ?? []).map((commune) => [commune.code, communeLabel(commune, language)])),
    [communes.data, language],
  );
  return (code) => (code ? (byCode.get(code) ?? code) : null);
}

/** The columns of the stations list; `sorter: true` columns sort on the server (their key is the sort field). */
export function useStationColumns(): ColumnsType<Station> {
  const { t } = useTranslation();
  const communeName = useCommuneName();
  const intervalText = useIntervalText();
  const dash = <span className="muted">—</span>;
  return [
    {
      title: t('monitoring.station.code'),
      key: 'code',
      sorter: true,
      render: (_value, station) => (
        <Link
          to={stationPath(station.code)}
          className="mono"
          style={{ whiteSpace: 'nowrap' }}
          data-testid={`station-link-${station.code}`}
        >
          {station.code}
        </Link>
      ),
    },
    {
      title: t('monitoring.station.name'),
      key: 'name',
      sorter: true,
      render: (_value, station) => <div style={{ minWidth: 180, maxWidth: 300 }}>{station.name}</div>,
    },
    {
      title: t('monitoring.station.kind'),
      key: 'kind',
      render: (_value, station) => (
        <div style={{ minWidth: 140, maxWidth: 220 }}>{t(`monitoring.kinds.${station.kind}`)}</div>
      ),
    },
    {
      title: t('monitoring.station.commune'),
      key: 'commune',
      render: (_value, station) => {
        const name = communeName(station.communeCode);
        return name ? <div style={{ minWidth: 120, maxWidth: 200 }}>{name}</div> : dash;
      },
    },
    {
      title: t('monitoring.station.status'),
      key: 'status',
      sorter: true,
      render: (_value, station) => <StationStatusTag status={station.status} />,
    },
    {
      title: t('monitoring.station.interval'),
      key: 'interval',
      render: (_value, station) => (
        <span style={{ whiteSpace: 'nowrap' }}>{intervalText(station.intervalS)}</span>
      ),
    },
    {
      title: t('monitoring.station.detector'),
      key: 'detector',
      render: (_value, station) =>
        station.detectorType ? (
          <div style={{ minWidth: 120, maxWidth: 220 }}>{station.detectorType}</div>
        ) : (
          dash
        ),
    },
  ];
}

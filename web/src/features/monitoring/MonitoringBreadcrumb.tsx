import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { monitoringPath, stationPath } from './api';

/** The way back from a station's page: the network dashboard, the stations, the station. */
export function MonitoringBreadcrumb({ current }: { current: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Breadcrumb
      className="registry-breadcrumb"
      items={[
        {
          title: (
            <Link to={monitoringPath()} data-testid="breadcrumb-monitoring">
              {t('domains.monitoring.title')}
            </Link>
          ),
        },
        {
          title: (
            <Link to={stationPath()} data-testid="breadcrumb-stations">
              {t('monitoring.station.plural')}
            </Link>
          ),
        },
        { title: current },
      ]}
    />
  );
}

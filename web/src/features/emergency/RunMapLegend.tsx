import { useTranslation } from 'react-i18next';
import { ARRIVAL_THRESHOLD } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { useDurationText } from './runDisplay';
import type { ArrivalView } from './RunMap';
import { arrivalColour } from './runFormat';
import { periodParts } from './runView';

/**
 * Under the map: what the dashed lines are (where the plume has arrived by each time, as far as its dose reaches
 * core's arrival threshold) and their times; the zones' colours and criteria are in the results beside it.
 */
export function RunMapLegend({ arrivals }: { arrivals: readonly ArrivalView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDurationText();
  if (arrivals.length === 0) return null;
  const period = periodParts(ARRIVAL_THRESHOLD.periodS);
  return (
    <div className="run-map-legend" data-testid="run-map-legend">
      <span>
        {t('emergency.run.arrivals.legend', {
          value: format.number(ARRIVAL_THRESHOLD.value * 1000, 1),
          period: t(`emergency.run.period.${period.key}`, { count: period.count }),
        })}
      </span>
      {arrivals.map((a) => (
        <span key={a.afterS} className="run-nowrap">
          <span className="run-map-legend-line" style={{ borderTopColor: arrivalColour(a.afterS) }} />
          {duration(a.afterS)}
        </span>
      ))}
    </div>
  );
}

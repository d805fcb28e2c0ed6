/**
 * A stored run in words, shared by its page and the comparison: its title, its inputs as labelled rows (the text
 * also tells the comparison which rows differ), the map's labels, a zone's population.
 */
import { useCallback, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ARRIVAL_TIMES_S, type Run } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { durationParts, formatActivity } from './runFormat';
import { periodParts, zoneKey, type ZoneView } from './runView';

type NumberFormat = (value: number, digits?: number) => string;

/** The criterion of a zone in words: "Sơ tán hoặc trú ẩn: 100 mSv liều hiệu dụng trong vòng 7 ngày". */
export function useZoneLabel(): (
  zone: Pick<ZoneView, 'code' | 'quantity' | 'periodS' | 'thresholdSv'>,
) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (zone) => {
      const key = zoneKey(zone.code);
      const period = periodParts(zone.periodS);
      return t('emergency.run.zones.label', {
        action: key ? t(`emergency.run.zones.${key}`) : zone.code,
        value: format.number(zone.thresholdSv * 1000),
        quantity: t(`emergency.run.zones.quantity.${zone.quantity === 'thyroid' ? 'thyroid' : 'effective'}`),
        period: t(`emergency.run.period.${period.key}`, { count: period.count }),
      });
    },
    [t, format],
  );
}

/** The run's title, or "Lần tính phát tán #12". */
export function runTitle(run: Pick<Run, 'id' | 'title'>, t: TFunction): string {
  return run.title ?? t('emergency.run.stored.title', { id: run.id });
}

export interface RunInputRow {
  key: string;
  label: string;
  /** '' when the run has no value for it. */
  text: string;
}

/** The inputs of a run (and the model it ran) as labelled rows, in the order the form asks them. */
export function useRunInputRows(): (run: Run) => RunInputRow[] {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (run: Run) => {
      const { release, weather } = run.inputs;
      const changes = weather.changes ?? [];
      const rows: RunInputRow[] = [
        { key: 'createdAt', label: t('emergency.runs.columns.time'), text: format.dateTime(run.createdAt) },
        { key: 'createdBy', label: t('emergency.runs.columns.who'), text: run.createdBy ?? '' },
        {
          key: 'incident',
          label: t('emergency.run.stored.incident'),
          text: run.inputs.incidentId !== undefined ? `#${run.inputs.incidentId}` : '',
        },
        {
          key: 'point',
          label: t('emergency.run.form.point'),
          text: `${format.number(release.lat, 5)}° N, ${format.number(release.lon, 5)}° E`,
        },
        {
          key: 'nuclides',
          label: t('emergency.run.form.nuclides'),
          text: release.nuclides
            .map((n) => `${n.nuclide} ${formatActivity(n.activityBq, format.number)}`)
            .join(', '),
        },
        {
          key: 'height',
          label: t('emergency.run.form.height'),
          text: format.number(release.heightM, 1),
        },
        {
          key: 'fire',
          label: t('emergency.run.form.fire'),
          text: release.fire ? format.number(release.fire.heatReleaseMW, 1) : '',
        },
        {
          key: 'duration',
          label: t('emergency.run.form.duration'),
          text: format.number(release.durationS / 60, 1),
        },
        {
          key: 'wind',
          label: t('emergency.run.stored.wind'),
          text: t('emergency.run.stored.windValue', {
            speed: format.number(weather.windSpeedMS, 1),
            from: format.number(weather.windFromDeg),
          }),
        },
        {
          key: 'stability',
          label: t('emergency.run.form.stability'),
          text: `${weather.stability} — ${t(`emergency.run.stability.${weather.stability}`)}`,
        },
        {
          key: 'changes',
          label: t('emergency.run.changes.title'),
          text: changes
            .map((c) =>
              t('emergency.run.stored.change', {
                after: format.number(c.afterS / 3600, 1),
                speed: format.number(c.windSpeedMS, 1),
                from: format.number(c.windFromDeg),
                stability: c.stability ?? t('emergency.run.changes.keep').toLocaleLowerCase(),
              }),
            )
            .join('; '),
        },
        {
          key: 'rain',
          label: t('emergency.run.form.rain'),
          text: weather.rainMmH !== undefined ? format.number(weather.rainMmH, 1) : '',
        },
        {
          key: 'mixing',
          label: t('emergency.run.form.mixingHeight'),
          text: weather.mixingHeightM !== undefined ? format.number(weather.mixingHeightM) : '',
        },
        {
          key: 'sigma',
          label: t('emergency.run.form.sigma'),
          text: t(`emergency.run.sigma.${run.sigma}`),
        },
        {
          key: 'ageGroup',
          label: t('emergency.run.form.ageGroup'),
          text: t(`emergency.run.ageGroups.${run.ageGroup}`),
        },
        {
          key: 'model',
          label: t('emergency.run.result.model'),
          text: t(`emergency.run.model.${run.model}`),
        },
        {
          key: 'effectiveHeight',
          label: t('emergency.run.result.effectiveHeight'),
          text: t('emergency.run.result.effectiveHeightValue', {
            height: format.number(run.effectiveHeightM, 1),
          }),
        },
      ];
      return rows;
    },
    [t, format],
  );
}

/** The labels RunMap draws for a run (release point, wind, each zone's criterion). */
export function useRunMapLabels(run: Pick<Run, 'zones'> | undefined) {
  const { t } = useTranslation();
  const zoneLabel = useZoneLabel();
  return useMemo(
    () => ({
      release: t('emergency.run.map.release'),
      wind: t('emergency.run.map.wind'),
      zones: Object.fromEntries((run?.zones ?? []).map((z) => [z.code, zoneLabel(z)])),
    }),
    [run, t, zoneLabel],
  );
}

/** "Dân số khoảng 12 300 người", "Chưa có số liệu dân số", with the communes lacking it when some do. */
export function zonePopulationText(
  zone: Pick<ZoneView, 'code' | 'population' | 'populationMissing'>,
  t: TFunction,
  number: NumberFormat,
): string {
  if (zone.population === undefined) return '';
  if (zone.population === null) return t('emergency.run.population.none');
  const text = t('emergency.run.population.value', { value: number(Math.round(zone.population)) });
  return zone.populationMissing
    ? `${text} ${t('emergency.run.population.partial', { count: zone.populationMissing })}`
    : text;
}

/** A duration as people say it: "15 phút", "1,5 giờ". */
export function useDurationText(): (seconds: number) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return useCallback(
    (seconds: number) => {
      const { unit, count } = durationParts(seconds);
      return t(`emergency.run.arrivals.${unit}`, { count, value: format.number(count, 1) });
    },
    [t, format],
  );
}

/** The isochrones' labels by arrival time (s). */
export function useArrivalLabels(): Record<number, string> {
  const duration = useDurationText();
  return useMemo(() => Object.fromEntries(ARRIVAL_TIMES_S.map((s) => [s, duration(s)])), [duration]);
}

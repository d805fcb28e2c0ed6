/**
 * A station's page: its latest value with its class and a plain comparison with the natural background, then the
 * chart of 24 hours (raw), 35 days (hourly) or a year (daily) with its summary sentence, its data table and the CSV
 * of the same period.
 */
import type { PublicOverview, PublicSeries, PublicStation, PublicStationList } from '@sievert/core';
import { PUBLIC_BACKGROUND } from '@sievert/core/reference/public-portal';
import { exportUrl, getJson, seriesPath, stationsPath } from './api';
import { drawChart } from './chart';
import {
  errorBox,
  isAbort,
  loadingLine,
  notFoundView,
  pageHeading,
  publisherName,
  type RenderPage,
} from './context';
import { h, replaceChildren } from './dom';
import {
  DOSE_RATE_UNIT,
  formatBound,
  formatDate,
  formatDateTime,
  formatDoseRate,
  formatNumber,
} from './format';
import { fill, type Language, type Messages } from './i18n';
import { markerSymbol } from './page-home';
import { pathFor } from './routes';
import { classLabel, compareWithBackground, markerKind, stationClass } from './scale';
import { PERIODS, seriesRequest, summarise, toChartPoints, type ChartPoint, type Period } from './series';

function periodText(period: Period, text: Messages): string {
  return period === 'day'
    ? text.station.periodDay
    : period === 'month'
      ? text.station.periodMonth
      : text.station.periodYear;
}

function isPeriod(value: string | null): value is Period {
  return value !== null && (PERIODS as readonly string[]).includes(value);
}

function comparisonSentence(
  station: PublicStation,
  overview: PublicOverview | null,
  text: Messages,
  language: Language,
) {
  if (!station.latest) return text.station.compareNone;
  const background = PUBLIC_BACKGROUND.redRiverDeltaTypical;
  const values = {
    min: formatBound(background.minNSvPerHour, language),
    max: formatBound(background.maxNSvPerHour, language),
    factor: formatNumber(PUBLIC_BACKGROUND.rainIncrease.maxFactor, language),
    publisher: overview ? publisherName(overview, language) : '',
  };
  const templates = {
    below: text.station.compareBelow,
    within: text.station.compareWithin,
    above: text.station.compareAbove,
    high: text.station.compareHigh,
  };
  return fill(templates[compareWithBackground(station.latest.value)], values);
}

function latestSection(
  station: PublicStation,
  overview: PublicOverview | null,
  text: Messages,
  language: Language,
) {
  const latest = station.latest;
  const entry = stationClass(station);
  const offline = station.status === 'offline';
  const badge = h(
    'span',
    { class: 'level-badge' },
    latest ? `${formatDoseRate(latest.value, language)} ${DOSE_RATE_UNIT}` : text.status.noValue,
  );
  // An offline station's last value keeps the neutral grey of the map: it is not the situation now.
  if (entry && !offline) {
    badge.style.backgroundColor = entry.colour;
    badge.style.color = entry.textColour;
  }
  return h(
    'section',
    { class: 'latest-card', 'aria-labelledby': 'latest-heading' },
    h(
      'h2',
      { id: 'latest-heading', class: 'section-title' },
      offline ? text.station.lastHeading : text.station.latestHeading,
    ),
    offline
      ? h('p', { class: 'notice-box notice-offline' }, markerSymbol('offline'), text.station.offlineNote)
      : null,
    h(
      'p',
      { class: 'latest-value' },
      badge,
      latest
        ? ` ${fill(text.station.at, { time: formatDateTime(latest.time, language) })} (${text.time.zone})`
        : null,
    ),
    entry ? h('p', undefined, fill(text.station.level, { label: classLabel(entry, language) })) : null,
    latest
      ? h('p', undefined, latest.provisional ? text.status.provisionalLong : text.status.validated)
      : null,
    h('p', { class: 'comparison' }, comparisonSentence(station, overview, text, language)),
    h(
      'p',
      undefined,
      h('a', { href: pathFor({ name: 'topic', topic: 'background' }) }, text.station.learnLink),
    ),
  );
}

function dataTable(
  points: readonly ChartPoint[],
  series: PublicSeries,
  caption: string,
  text: Messages,
  language: Language,
) {
  const buckets = series.resolution !== 'raw';
  const time = (t: number) =>
    series.resolution === 'day' ? formatDate(t, language) : formatDateTime(t, language);
  return h(
    'div',
    { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      { class: 'data-table' },
      h('caption', undefined, caption),
      h(
        'thead',
        undefined,
        h(
          'tr',
          undefined,
          h('th', { scope: 'col' }, text.station.colTime),
          h('th', { scope: 'col', class: 'num' }, buckets ? text.station.colMean : text.station.colValue),
          buckets ? h('th', { scope: 'col', class: 'num' }, text.station.colMin) : null,
          buckets ? h('th', { scope: 'col', class: 'num' }, text.station.colMax) : null,
          h('th', { scope: 'col' }, text.station.colProvisional),
        ),
      ),
      h(
        'tbody',
        undefined,
        ...points.map((point) =>
          h(
            'tr',
            undefined,
            h('th', { scope: 'row' }, time(point.t)),
            h('td', { class: 'num' }, formatDoseRate(point.v, language)),
            buckets
              ? h('td', { class: 'num' }, point.min === null ? '—' : formatDoseRate(point.min, language))
              : null,
            buckets
              ? h('td', { class: 'num' }, point.max === null ? '—' : formatDoseRate(point.max, language))
              : null,
            h('td', undefined, point.provisional ? text.station.yes : text.station.no),
          ),
        ),
      ),
    ),
  );
}

export const renderStation: RenderPage = (main, route, context) => {
  if (route.name !== 'station') return;
  const { text, language, signal } = context;
  const code = route.code;
  context.setTitle(code);
  replaceChildren(main, loadingLine(text.site.loading));
  let chartCleanup: (() => void) | null = null;

  const load = async () => {
    let stations: PublicStationList;
    try {
      stations = await getJson<PublicStationList>(stationsPath(), signal);
    } catch (error) {
      if (!isAbort(error))
        replaceChildren(
          main,
          errorBox(error, text, () => void load()),
        );
      return;
    }
    const station = stations.stations.find((candidate) => candidate.code === code);
    if (!station) {
      notFoundView(main, context, text.station.notFoundTitle, fill(text.station.notFoundText, { code }));
      return;
    }
    const overview = await context.overview().catch(() => null);
    if (signal.aborted) return;
    chartCleanup = renderPage(main, station, overview);
  };

  const renderPage = (container: HTMLElement, station: PublicStation, overview: PublicOverview | null) => {
    context.setTitle(station.name);
    const kind = markerKind(station);
    const initial = new URLSearchParams(location.search).get('period');
    let period: Period = isPeriod(initial) ? initial : 'day';
    let request: AbortController | null = null;
    let drawn: { points: ChartPoint[]; series: PublicSeries } | null = null;
    // The table of a year or 35 days is long: it is built when the visitor opens it.
    let buildTable: (() => HTMLElement) | null = null;

    const chartArea = h('div', { class: 'chart-area' });
    const summary = h('p', { id: 'chart-summary', class: 'chart-summary' });
    const resolutionNote = h('p', { class: 'muted' });
    const details = h(
      'details',
      { class: 'data-details' },
      h('summary', undefined, text.station.tableToggle),
    );
    details.addEventListener('toggle', () => {
      if (details.open && details.childElementCount === 1 && buildTable) details.append(buildTable());
    });
    const csvLink = h('a', { class: 'button button-secondary', download: '' }, text.station.csv);
    const buttons = PERIODS.map((candidate) =>
      h(
        'button',
        {
          type: 'button',
          class: 'period-button',
          'aria-pressed': String(candidate === period),
          onclick: () => {
            if (candidate === period) return;
            period = candidate;
            const url = new URL(location.href);
            if (period === 'day') url.searchParams.delete('period');
            else url.searchParams.set('period', period);
            history.replaceState(null, '', url.pathname + url.search + url.hash);
            for (const [index, button] of buttons.entries())
              button.setAttribute('aria-pressed', String(PERIODS[index] === period));
            void loadSeries();
          },
        },
        periodText(candidate, text),
      ),
    );

    const draw = () => {
      if (!drawn) return;
      const { points, series } = drawn;
      const label = fill(text.station.chartLabel, {
        station: station.name,
        period: periodText(period, text),
      });
      replaceChildren(
        chartArea,
        drawChart({
          points,
          resolution: series.resolution,
          from: Date.parse(series.from),
          to: Date.parse(series.to),
          width: chartArea.clientWidth || 600,
          language,
          label,
          describedBy: 'chart-summary',
        }),
      );
    };

    const loadSeries = async () => {
      request?.abort();
      const controller = new AbortController();
      request = controller;
      const abortWithPage = () => controller.abort();
      signal.addEventListener('abort', abortWithPage, { once: true });
      const query = seriesRequest(period, Date.now());
      drawn = null;
      buildTable = null;
      replaceChildren(chartArea, loadingLine(text.station.chartLoading));
      summary.textContent = '';
      details.open = false;
      replaceChildren(details, h('summary', undefined, text.station.tableToggle));
      resolutionNote.textContent =
        query.resolution === 'raw'
          ? text.station.resolutionRaw
          : query.resolution === 'hour'
            ? text.station.resolutionHour
            : text.station.resolutionDay;
      csvLink.href = exportUrl({
        format: 'csv',
        station: station.code,
        from: query.from ?? null,
        resolution: query.resolution,
      });
      try {
        const series = await getJson<PublicSeries>(seriesPath(station.code, query), controller.signal);
        if (controller !== request) return;
        const points = toChartPoints(series.points);
        csvLink.href = exportUrl({
          format: 'csv',
          station: station.code,
          from: series.from,
          to: series.to,
          resolution: series.resolution,
        });
        const stats = summarise(points);
        if (!stats) {
          replaceChildren(chartArea, h('p', { class: 'notice-box' }, text.station.chartEmpty));
          return;
        }
        drawn = { points, series };
        draw();
        summary.textContent = fill(text.station.summary, {
          from: formatDateTime(stats.first, language),
          to: formatDateTime(stats.last, language),
          min: formatDoseRate(stats.min, language),
          mean: formatDoseRate(stats.mean, language),
          max: formatDoseRate(stats.max, language),
          count: formatNumber(stats.count, language),
          provisional: formatNumber(stats.provisional, language),
        });
        const caption = fill(text.station.tableCaption, {
          station: station.name,
          period: periodText(period, text),
        });
        buildTable = () => dataTable(points, series, caption, text, language);
      } catch (error) {
        if (isAbort(error) || controller !== request) return;
        replaceChildren(
          chartArea,
          errorBox(error, text, () => void loadSeries()),
        );
      } finally {
        signal.removeEventListener('abort', abortWithPage);
      }
    };

    replaceChildren(
      container,
      h(
        'p',
        { class: 'breadcrumb' },
        h('a', { href: pathFor({ name: 'home' }) }, `← ${text.station.allStations}`),
      ),
      pageHeading(station.name),
      h(
        'p',
        { class: 'station-meta' },
        station.communeName
          ? h('span', undefined, fill(text.station.commune, { name: station.communeName }))
          : null,
        h(
          'span',
          { class: 'station-status' },
          markerSymbol(kind, kind === 'value' ? stationClass(station)?.colour : undefined),
          station.status === 'online' ? text.status.online : text.status.offline,
        ),
      ),
      latestSection(station, overview, text, language),
      h(
        'section',
        { class: 'chart-section', 'aria-labelledby': 'chart-heading' },
        h('h2', { id: 'chart-heading', class: 'section-title' }, text.station.chartHeading),
        h(
          'div',
          { class: 'period-buttons', role: 'group', 'aria-label': text.station.periodLabel },
          ...buttons,
        ),
        resolutionNote,
        chartArea,
        h(
          'ul',
          { class: 'chart-legend' },
          h(
            'li',
            undefined,
            h('span', { class: 'key key-line', 'aria-hidden': 'true' }),
            text.station.legendValidated,
          ),
          h(
            'li',
            undefined,
            h('span', { class: 'key key-dashed', 'aria-hidden': 'true' }),
            text.station.legendProvisional,
          ),
          h(
            'li',
            undefined,
            h('span', { class: 'key key-background', 'aria-hidden': 'true' }),
            text.station.legendBackground,
          ),
          h(
            'li',
            undefined,
            h('span', { class: 'key key-gap', 'aria-hidden': 'true' }),
            text.station.legendGap,
          ),
        ),
        summary,
        details,
        h('p', undefined, csvLink),
      ),
    );

    let frame = 0;
    let lastWidth = chartArea.clientWidth;
    const resize = new ResizeObserver(() => {
      if (chartArea.clientWidth === lastWidth) return;
      lastWidth = chartArea.clientWidth;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(draw);
    });
    resize.observe(chartArea);
    void loadSeries();
    return () => {
      resize.disconnect();
      cancelAnimationFrame(frame);
      request?.abort();
    };
  };

  void load();
  return () => chartCleanup?.();
};

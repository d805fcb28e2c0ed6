/**
 * The home page: network status, the map (Leaflet, loaded after the rest), its legend, the disclaimer and the
 * table of all stations, which is the keyboard and screen-reader path to every station. Refreshed every minute;
 * the browser's cache and the server's ETag keep that cheap.
 */
import type { PublicOverview, PublicStation, PublicStationList } from '@sievert/core';
import { getJson, stationsPath } from './api';
import {
  errorBox,
  errorText,
  isAbort,
  loadingLine,
  pageHeading,
  publisherName,
  type RenderPage,
} from './context';
import { h, replaceChildren, s } from './dom';
import { formatDateTime, formatDelay, formatDoseRate } from './format';
import { fill, type Language, type Messages } from './i18n';
import { pathFor } from './routes';
import { classLabel, classRange, compareByValue, markerKind, SCALE_CLASSES, stationClass } from './scale';
import type { StationMap } from './station-map';

const REFRESH_MS = 60_000;

type SortKey = 'name' | 'commune' | 'value';
interface SortState {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/** The small shape a marker has, repeated in the legend and the table so that the two read alike. */
export function markerSymbol(kind: 'value' | 'offline' | 'no_value', colour?: string): HTMLElement {
  const symbol = h('span', { class: `pm-shape pm-shape--${kind} pm-inline`, 'aria-hidden': 'true' });
  if (colour) symbol.style.backgroundColor = colour;
  return symbol;
}

function legend(text: Messages, language: Language): HTMLElement {
  return h(
    'div',
    { class: 'legend' },
    h('h3', { class: 'legend-title' }, text.home.legendHeading),
    h(
      'ul',
      { class: 'legend-list' },
      ...SCALE_CLASSES.map((entry) =>
        h(
          'li',
          undefined,
          markerSymbol('value', entry.colour),
          h('span', { class: 'legend-range' }, classRange(entry, language)),
          h('span', { class: 'legend-label' }, classLabel(entry, language)),
        ),
      ),
    ),
    h(
      'ul',
      { class: 'legend-list legend-states' },
      h('li', undefined, markerSymbol('offline'), h('span', undefined, text.home.legendOffline)),
      h('li', undefined, markerSymbol('no_value'), h('span', undefined, text.home.legendNoValue)),
      h(
        'li',
        undefined,
        h('span', { class: 'legend-star', 'aria-hidden': 'true' }, '*'),
        text.home.legendProvisional,
      ),
    ),
  );
}

function statusItems(
  overview: PublicOverview,
  stations: readonly PublicStation[] | null,
  text: Messages,
  language: Language,
): HTMLElement[] {
  const counts = overview.stations;
  const items: HTMLElement[] = [
    h('li', undefined, fill(text.home.stationsOnline, { online: counts.online, total: counts.total })),
  ];
  if (counts.offline > 0) {
    items.push(
      h('li', undefined, markerSymbol('offline'), fill(text.home.stationsOffline, { count: counts.offline })),
    );
  }
  items.push(
    h(
      'li',
      undefined,
      overview.latestTime
        ? fill(text.home.latest, {
            time: `${formatDateTime(overview.latestTime, language)} (${text.time.zone})`,
          })
        : text.home.noLatest,
    ),
    h('li', undefined, fill(text.home.delay, { delay: formatDelay(overview.delaySeconds, language) })),
  );
  if (overview.highest) {
    const code = overview.highest.station;
    const name = stations?.find((station) => station.code === code)?.name ?? code;
    items.push(
      h(
        'li',
        undefined,
        fill(text.home.highest, { value: formatDoseRate(overview.highest.value, language) }),
        ` ${text.home.highestAt} `,
        h('a', { href: pathFor({ name: 'station', code }) }, name),
      ),
    );
  }
  if (overview.notices.latestAt) {
    items.push(
      h(
        'li',
        undefined,
        h(
          'a',
          { href: pathFor({ name: 'notices' }) },
          fill(text.home.latestNotice, { time: formatDateTime(overview.notices.latestAt, language) }),
        ),
      ),
    );
  }
  return items;
}

function sortStations(stations: readonly PublicStation[], sort: SortState): PublicStation[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...stations].sort((a, b) => {
    if (sort.key === 'value') return compareByValue(a, b, sort.direction);
    if (sort.key === 'commune') {
      const order = (a.communeName ?? '').localeCompare(b.communeName ?? '', 'vi') * sign;
      return order !== 0 ? order : a.name.localeCompare(b.name, 'vi');
    }
    return a.name.localeCompare(b.name, 'vi') * sign;
  });
}

function stationRow(station: PublicStation, text: Messages, language: Language): HTMLTableRowElement {
  const latest = station.latest;
  const kind = markerKind(station);
  const entry = stationClass(station);
  return h(
    'tr',
    undefined,
    h(
      'th',
      { scope: 'row' },
      h('a', { href: pathFor({ name: 'station', code: station.code }) }, station.name),
      // On a phone the commune, the status and the time ride under the name and the value instead of in columns of
      // their own.
      station.communeName ? h('span', { class: 'cell-sub narrow-only' }, station.communeName) : null,
      h(
        'span',
        { class: 'cell-sub narrow-only' },
        markerSymbol(kind, kind === 'value' ? entry?.colour : undefined),
        station.status === 'online' ? text.status.online : text.status.offline,
      ),
    ),
    h('td', { class: 'col-wide' }, station.communeName ?? '—'),
    h(
      'td',
      { class: 'num' },
      latest
        ? h(
            'span',
            undefined,
            h('span', { class: 'value-text' }, formatDoseRate(latest.value, language)),
            latest.provisional
              ? h(
                  'span',
                  { class: 'provisional-mark', title: text.status.provisionalLong },
                  h('span', { 'aria-hidden': 'true' }, '*'),
                  h('span', { class: 'visually-hidden' }, ` (${text.status.provisional})`),
                )
              : null,
            entry ? h('span', { class: 'visually-hidden' }, ` · ${classLabel(entry, language)}`) : null,
            h('span', { class: 'cell-sub narrow-only' }, formatDateTime(latest.time, language)),
          )
        : h('span', { class: 'muted' }, text.status.noValue),
    ),
    h('td', { class: 'col-wide' }, latest ? formatDateTime(latest.time, language) : '—'),
    h(
      'td',
      { class: 'col-wide' },
      markerSymbol(kind, kind === 'value' ? entry?.colour : undefined),
      station.status === 'online' ? text.status.online : text.status.offline,
    ),
  );
}

export const renderHome: RenderPage = (main, _route, context) => {
  const { text, language, signal } = context;
  context.setTitle(text.site.name);
  // Leaflet and the map start loading at once, in parallel with the data; the rest of the page does not wait.
  const mapModule = import('./station-map');

  let overview: PublicOverview | null = null;
  let stations: PublicStation[] | null = null;
  let generatedAt: string | null = null;
  let stationMap: StationMap | null = null;
  let sort: SortState = { key: 'name', direction: 'asc' };
  let lastLoad = 0;

  const statusList = h('ul', { class: 'status-list' });
  const statusBody = h('div', { class: 'status-body' }, loadingLine(text.site.loading));
  const updated = h('p', { class: 'status-updated muted' });
  const publisherLine = h('li', undefined);
  const tableArea = h('div', { class: 'table-area' }, loadingLine(text.site.loading));
  const mapContainer = h('div', { class: 'map', role: 'region', 'aria-label': text.home.mapLabel });
  const mapStatus = h('p', { class: 'map-status', role: 'status' }, text.home.mapLoading);

  const sortButton = (key: SortKey, label: string) => {
    const active = sort.key === key;
    const th = h('th', {
      scope: 'col',
      'data-sort-key': key,
      class: key === 'value' ? 'num' : key === 'commune' ? 'col-wide' : undefined,
      'aria-sort': active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined,
    });
    th.append(
      h(
        'button',
        {
          type: 'button',
          class: 'sort-button',
          onclick: () => {
            // Values sort highest first at the first press: the question is "where is it highest".
            const first = key === 'value' ? 'desc' : 'asc';
            sort = active
              ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
              : { key, direction: first };
            renderTable();
            tableArea.querySelector<HTMLButtonElement>(`th[data-sort-key="${key}"] .sort-button`)?.focus();
          },
        },
        label,
        h(
          'span',
          { class: 'sort-arrow', 'aria-hidden': 'true' },
          active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕',
        ),
      ),
    );
    return th;
  };

  function renderTable(): void {
    if (!stations) return;
    if (stations.length === 0) {
      replaceChildren(tableArea, h('p', undefined, text.home.tableEmpty));
      return;
    }
    const table = h(
      'table',
      { class: 'data-table station-table' },
      h('caption', undefined, `${text.home.tableCaption} (${text.time.zone})`),
      h(
        'thead',
        undefined,
        h(
          'tr',
          undefined,
          sortButton('name', text.home.colStation),
          sortButton('commune', text.home.colCommune),
          sortButton('value', text.home.colValue),
          h('th', { scope: 'col', class: 'col-wide' }, text.home.colTime),
          h('th', { scope: 'col', class: 'col-wide' }, text.home.colStatus),
        ),
      ),
      h(
        'tbody',
        undefined,
        ...sortStations(stations, sort).map((station) => stationRow(station, text, language)),
      ),
    );
    replaceChildren(
      tableArea,
      h('p', { class: 'muted' }, text.home.sortHint),
      h(
        'div',
        { class: 'table-scroll', role: 'region', 'aria-label': text.home.tableCaption, tabindex: 0 },
        table,
      ),
    );
  }

  function renderStatus(): void {
    if (!overview) return;
    replaceChildren(statusList, ...statusItems(overview, stations, text, language));
    replaceChildren(statusBody, statusList);
    publisherLine.textContent = fill(text.home.disclaimerOfficial, {
      publisher: publisherName(overview, language),
    });
    publisherLine.append(
      ' ',
      h('a', { href: pathFor({ name: 'notices' }) }, text.home.disclaimerNoticesLink),
    );
  }

  async function load(refresh: boolean): Promise<void> {
    lastLoad = Date.now();
    const [overviewResult, stationsResult] = await Promise.allSettled([
      refresh ? context.refreshOverview() : context.overview(),
      getJson<PublicStationList>(stationsPath(), signal),
    ]);
    if (signal.aborted) return;
    if (overviewResult.status === 'fulfilled') {
      overview = overviewResult.value;
    } else if (!overview && !isAbort(overviewResult.reason)) {
      replaceChildren(
        statusBody,
        errorBox(overviewResult.reason, text, () => void load(true)),
      );
    }
    if (stationsResult.status === 'fulfilled') {
      stations = stationsResult.value.stations;
      generatedAt = stationsResult.value.generatedAt;
      renderTable();
      stationMap?.update(stations);
      updated.textContent = fill(text.home.refreshed, { time: formatDateTime(generatedAt, language) });
    } else if (!isAbort(stationsResult.reason)) {
      if (stations) {
        // Keep what is shown; say the update failed.
        updated.textContent = errorText(stationsResult.reason, text);
      } else {
        replaceChildren(
          tableArea,
          errorBox(stationsResult.reason, text, () => void load(true)),
        );
      }
    }
    renderStatus();
  }

  replaceChildren(
    main,
    h(
      'div',
      { class: 'page-intro' },
      pageHeading(text.home.title),
      h('p', { class: 'lead' }, text.home.intro),
    ),
    h(
      'section',
      { class: 'status-strip', 'aria-labelledby': 'status-heading' },
      h('h2', { id: 'status-heading', class: 'section-title' }, text.home.networkHeading),
      statusBody,
      updated,
    ),
    h(
      'section',
      { class: 'map-section', 'aria-labelledby': 'map-heading' },
      h('h2', { id: 'map-heading', class: 'section-title' }, text.home.mapHeading),
      h('p', { class: 'muted map-hint' }, text.home.mapHint),
      h(
        'div',
        { class: 'map-layout' },
        h('div', { class: 'map-frame' }, mapContainer, mapStatus),
        legend(text, language),
      ),
    ),
    h(
      'section',
      { class: 'disclaimer', 'aria-labelledby': 'disclaimer-heading' },
      h(
        'h2',
        { id: 'disclaimer-heading', class: 'section-title' },
        s(
          'svg',
          {
            class: 'icon',
            viewBox: '0 0 24 24',
            width: 20,
            height: 20,
            'aria-hidden': 'true',
            focusable: 'false',
          },
          s('circle', { cx: 12, cy: 12, r: 10, fill: 'none', stroke: 'currentColor', 'stroke-width': 2 }),
          s('path', { d: 'M12 7v6M12 16v1.5', stroke: 'currentColor', 'stroke-width': 2 }),
        ),
        text.home.disclaimerHeading,
      ),
      h(
        'ul',
        undefined,
        h('li', undefined, text.home.disclaimerProvisional),
        h('li', undefined, text.home.disclaimerNoAlert),
        publisherLine,
      ),
    ),
    h(
      'section',
      { class: 'table-section', 'aria-labelledby': 'table-heading' },
      h('h2', { id: 'table-heading', class: 'section-title' }, text.home.tableHeading),
      tableArea,
    ),
  );

  mapModule
    .then(({ createStationMap }) => {
      if (signal.aborted) return;
      stationMap = createStationMap(mapContainer, { language, text, signal });
      if (stations) stationMap.update(stations);
      mapStatus.remove();
    })
    .catch(() => {
      if (!signal.aborted) mapStatus.textContent = text.home.mapFailed;
    });

  void load(false);
  const timer = window.setInterval(() => {
    if (document.visibilityState === 'visible') void load(true);
  }, REFRESH_MS);
  // A tab brought back after a while shows fresh values at once.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && Date.now() - lastLoad >= REFRESH_MS) void load(true);
  };
  document.addEventListener('visibilitychange', onVisible);

  return () => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
    stationMap?.destroy();
    stationMap = null;
  };
};

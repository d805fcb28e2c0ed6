/**
 * Open data: the licence, the public API with example addresses, the OpenAPI documentation, the rate limit, and a
 * form that builds the address of an export file (CSV, GeoJSON, EURDEP) for a period and a station.
 */
import type { PublicExportFormat, PublicResolution, PublicStationList } from '@sievert/core';
import { API_BASE, exportUrl, getJson, stationsPath } from './api';
import { pageHeading, type RenderPage } from './context';
import { h, replaceChildren } from './dom';
import { zonedDay } from './format';
import { fill } from './i18n';
import { exportQueryOf } from './export-form';

const DAY_MS = 86_400_000;
/** The form opens on the last week: long enough to be useful, short enough for raw values. */
const DEFAULT_DAYS = 7;

function option(value: string, label: string, selected = false): HTMLOptionElement {
  const element = h('option', { value }, label);
  element.selected = selected;
  return element;
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'muted field-hint', id: `${id}-hint` }, hint) : null,
  );
}

export const renderData: RenderPage = (main, _route, context) => {
  const { text, signal } = context;
  context.setTitle(text.data.title);
  const t = text.data;

  const licence = h('p', undefined, text.site.loading);
  context
    .overview()
    .then((overview) => {
      replaceChildren(
        licence,
        fill(t.licenceText, { licence: overview.licence.name, attribution: overview.licence.attribution }),
        overview.licence.url ? ' ' : null,
        overview.licence.url ? h('a', { href: overview.licence.url, rel: 'license' }, t.licenceLink) : null,
      );
    })
    .catch(() => licence.remove());

  const today = zonedDay(Date.now());
  const weekAgo = zonedDay(Date.now() - DEFAULT_DAYS * DAY_MS);
  const format = h(
    'select',
    { id: 'export-format', class: 'input' },
    option('csv', t.formatCsv, true),
    option('geojson', t.formatGeojson),
    option('eurdep', t.formatEurdep),
  );
  const fromInput = h('input', {
    id: 'export-from',
    class: 'input',
    type: 'date',
    value: weekAgo,
    max: today,
    'aria-describedby': 'export-from-hint',
  });
  const toInput = h('input', {
    id: 'export-to',
    class: 'input',
    type: 'date',
    value: today,
    max: today,
    'aria-describedby': 'export-from-hint',
  });
  const station = h('select', { id: 'export-station', class: 'input' }, option('', t.allStations, true));
  const resolution = h(
    'select',
    { id: 'export-resolution', class: 'input' },
    option('', t.resolutionAuto, true),
    option('raw', t.resolutionRaw),
    option('hour', t.resolutionHour),
    option('day', t.resolutionDay),
  );
  const problem = h('p', { class: 'form-problem', role: 'alert' });
  const download = h('a', { class: 'button', download: '' }, t.download);
  const address = h('code', { class: 'export-address' });

  const update = () => {
    const result = exportQueryOf({
      format: format.value as PublicExportFormat,
      fromDay: fromInput.value,
      toDay: toInput.value,
      station: station.value,
      resolution: resolution.value as PublicResolution | '',
    });
    if (!result.ok) {
      problem.textContent = t.invalidRange;
      download.removeAttribute('href');
      download.setAttribute('aria-disabled', 'true');
      address.textContent = '';
      return;
    }
    problem.textContent = '';
    const url = exportUrl(result.query);
    download.href = url;
    download.removeAttribute('aria-disabled');
    address.textContent = new URL(url, location.origin).href;
  };
  for (const control of [format, fromInput, toInput, station, resolution])
    control.addEventListener('change', update);
  update();

  const seriesExample = h('code', undefined, `${API_BASE}/public/stations/{code}/series?resolution=hour`);
  getJson<PublicStationList>(stationsPath(), signal)
    .then((list) => {
      for (const entry of [...list.stations].sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
        station.append(option(entry.code, `${entry.name} (${entry.code})`));
      }
      const first = list.stations[0];
      if (first) {
        const path = `${API_BASE}/public/stations/${encodeURIComponent(first.code)}/series?resolution=hour`;
        replaceChildren(seriesExample, h('a', { href: path }, path));
      }
    })
    .catch(() => undefined);

  const endpoint = (description: string, example: HTMLElement | string) =>
    h(
      'li',
      undefined,
      h('span', undefined, description),
      ' ',
      typeof example === 'string' ? h('code', undefined, h('a', { href: example }, example)) : example,
    );

  replaceChildren(
    main,
    pageHeading(t.title),
    h('p', { class: 'lead' }, t.intro),
    h(
      'section',
      { 'aria-labelledby': 'licence-heading' },
      h('h2', { id: 'licence-heading', class: 'section-title' }, t.licenceHeading),
      licence,
    ),
    h(
      'section',
      { class: 'export-form', 'aria-labelledby': 'form-heading' },
      h('h2', { id: 'form-heading', class: 'section-title' }, t.formHeading),
      h(
        'form',
        { onsubmit: (event: Event) => event.preventDefault() },
        h(
          'div',
          { class: 'form-grid' },
          field('export-format', t.format, format),
          field('export-station', t.station, station),
          field('export-from', t.from, fromInput, t.datesNote),
          field('export-to', t.to, toInput),
          field('export-resolution', t.resolution, resolution),
        ),
        problem,
        h('p', undefined, download),
        h('p', { class: 'muted' }, t.linkLabel, ' ', address),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'api-heading' },
      h('h2', { id: 'api-heading', class: 'section-title' }, t.apiHeading),
      h('p', undefined, t.apiIntro),
      h(
        'ul',
        { class: 'api-list' },
        endpoint(t.apiOverview, `${API_BASE}/public/overview`),
        endpoint(t.apiStations, `${API_BASE}/public/stations`),
        endpoint(t.apiSeries, seriesExample),
        endpoint(t.apiNotices, `${API_BASE}/public/notices`),
        endpoint(t.apiExport, `${API_BASE}/public/export?format=geojson`),
      ),
      h('p', undefined, h('a', { href: '/docs' }, t.docsLink)),
      h('p', { class: 'notice-box' }, t.rateLimit),
    ),
  );
};

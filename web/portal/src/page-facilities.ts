/**
 * Licensed radiation facilities counted by kind per commune: aggregates only, as the API gives them. Locations of
 * sources are never published (security), and the page says why.
 */
import type { PublicFacilityCounts } from '@sievert/core';
import { getJson } from './api';
import { errorBox, isAbort, loadingLine, pageHeading, type RenderPage } from './context';
import { h, replaceChildren } from './dom';
import { formatDateTime, formatNumber } from './format';
import { fill, type Language, type Messages } from './i18n';
import { matchesSearch } from './search';

function kindName(kind: string, text: Messages): string {
  const names: Record<string, string> = text.facilities.kinds;
  return names[kind] ?? kind;
}

function countsTable(
  data: PublicFacilityCounts,
  query: string,
  text: Messages,
  language: Language,
): HTMLElement {
  const communes = data.communes.filter((commune) => matchesSearch(commune.communeName, query));
  const number = (value: number | undefined) => formatNumber(value ?? 0, language);
  const kindTotals = new Map(
    data.kinds.map((kind) => [
      kind,
      data.communes.reduce((sum, commune) => sum + (commune.counts[kind] ?? 0), 0),
    ]),
  );
  const status = h(
    'p',
    { class: 'muted', role: 'status' },
    communes.length === 0 && query.trim() !== ''
      ? fill(text.facilities.noMatch, { query: query.trim() })
      : fill(text.facilities.shown, { shown: number(communes.length), total: number(data.communes.length) }),
  );
  const table = h(
    'table',
    { class: 'data-table facilities-table' },
    h('caption', undefined, text.facilities.caption),
    h(
      'thead',
      undefined,
      h(
        'tr',
        undefined,
        h('th', { scope: 'col' }, text.facilities.colCommune),
        ...data.kinds.map((kind) => h('th', { scope: 'col', class: 'num' }, kindName(kind, text))),
        h('th', { scope: 'col', class: 'num' }, text.facilities.colTotal),
      ),
    ),
    h(
      'tbody',
      undefined,
      ...communes.map((commune) =>
        h(
          'tr',
          undefined,
          h('th', { scope: 'row' }, commune.communeName),
          ...data.kinds.map((kind) => h('td', { class: 'num' }, number(commune.counts[kind]))),
          h('td', { class: 'num' }, h('strong', undefined, number(commune.total))),
        ),
      ),
    ),
    h(
      'tfoot',
      undefined,
      h(
        'tr',
        undefined,
        h('th', { scope: 'row' }, text.facilities.totalRow),
        ...data.kinds.map((kind) => h('td', { class: 'num' }, number(kindTotals.get(kind)))),
        h('td', { class: 'num' }, h('strong', undefined, number(data.total))),
      ),
    ),
  );
  return h(
    'div',
    undefined,
    status,
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-label': text.facilities.caption, tabindex: 0 },
      table,
    ),
  );
}

export const renderFacilities: RenderPage = (main, _route, context) => {
  const { text, language, signal } = context;
  context.setTitle(text.facilities.title);
  const area = h('div', undefined, loadingLine(text.site.loading));
  replaceChildren(
    main,
    pageHeading(text.facilities.title),
    h('p', { class: 'lead' }, text.facilities.intro),
    h(
      'section',
      { class: 'notice-box', 'aria-labelledby': 'why-heading' },
      h('h2', { id: 'why-heading', class: 'section-title' }, text.facilities.whyHeading),
      h('p', undefined, text.facilities.why),
    ),
    area,
  );

  const load = async () => {
    try {
      const data = await getJson<PublicFacilityCounts>('/public/facilities/by-commune', signal);
      if (data.communes.length === 0) {
        replaceChildren(area, h('p', { class: 'notice-box' }, text.facilities.empty));
        return;
      }
      const results = h('div');
      const input = h('input', {
        type: 'search',
        id: 'facility-search',
        class: 'input',
        autocomplete: 'off',
      });
      const show = () => replaceChildren(results, countsTable(data, input.value, text, language));
      input.addEventListener('input', show);
      show();
      replaceChildren(
        area,
        h('div', { class: 'field' }, h('label', { for: 'facility-search' }, text.facilities.search), input),
        results,
        h(
          'p',
          { class: 'muted' },
          fill(text.facilities.generated, {
            time: `${formatDateTime(data.generatedAt, language)} (${text.time.zone})`,
          }),
        ),
      );
    } catch (error) {
      if (!isAbort(error))
        replaceChildren(
          area,
          errorBox(error, text, () => void load()),
        );
    }
  };
  void load();
};

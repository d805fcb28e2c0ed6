/**
 * The Department's published notices, newest first, and one notice in full. An exercise carries the label
 * "DIỄN TẬP / EXERCISE" in words (a badge with text and a distinct border, not a colour alone).
 */
import type { PublicNotice, PublicNoticeList } from '@sievert/core';
import { getJson, isNotFound } from './api';
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
import { formatDateTime } from './format';
import { fill, type Language, type Messages } from './i18n';
import { excerpt, paragraphs, sortNotices } from './notices';
import { pathFor } from './routes';

function exerciseBadge(text: Messages): HTMLElement {
  return h('span', { class: 'badge badge-exercise' }, text.notices.exercise);
}

function published(notice: PublicNotice, text: Messages, language: Language): HTMLElement {
  return h(
    'p',
    { class: 'notice-time muted' },
    h(
      'time',
      { datetime: notice.publishedAt },
      fill(text.notices.published, {
        time: `${formatDateTime(notice.publishedAt, language)} (${text.time.zone})`,
      }),
    ),
  );
}

export const renderNotices: RenderPage = (main, _route, context) => {
  const { text, language, signal } = context;
  context.setTitle(text.notices.title);
  const intro = h('p', { class: 'lead' });
  const list = h('div', { class: 'notice-list' }, loadingLine(text.site.loading));
  replaceChildren(main, pageHeading(text.notices.title), intro, list);
  context
    .overview()
    .then((overview) => {
      intro.textContent = fill(text.notices.intro, { publisher: publisherName(overview, language) });
    })
    .catch(() => undefined);

  const load = async () => {
    try {
      const answer = await getJson<PublicNoticeList>('/public/notices?limit=100', signal);
      const notices = sortNotices(answer.notices);
      if (notices.length === 0) {
        replaceChildren(list, h('p', { class: 'notice-box' }, text.notices.empty));
        return;
      }
      replaceChildren(
        list,
        h(
          'ul',
          { class: 'card-list' },
          ...notices.map((notice) =>
            h(
              'li',
              { class: notice.exercise ? 'card notice-card is-exercise' : 'card notice-card' },
              h(
                'article',
                undefined,
                notice.exercise ? exerciseBadge(text) : null,
                h(
                  'h2',
                  { class: 'card-title' },
                  h('a', { href: pathFor({ name: 'notice', id: notice.id }) }, notice.title),
                ),
                published(notice, text, language),
                h('p', undefined, excerpt(notice.body)),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      if (!isAbort(error))
        replaceChildren(
          list,
          errorBox(error, text, () => void load()),
        );
    }
  };
  void load();
};

export const renderNotice: RenderPage = (main, route, context) => {
  if (route.name !== 'notice') return;
  const { text, language, signal } = context;
  context.setTitle(text.notices.title);
  replaceChildren(main, loadingLine(text.site.loading));
  const load = async () => {
    try {
      const notice = await getJson<PublicNotice>(`/public/notices/${route.id}`, signal);
      context.setTitle(notice.title);
      replaceChildren(
        main,
        h(
          'p',
          { class: 'breadcrumb' },
          h('a', { href: pathFor({ name: 'notices' }) }, `← ${text.notices.all}`),
        ),
        h(
          'article',
          { class: notice.exercise ? 'notice-full is-exercise' : 'notice-full' },
          notice.exercise ? exerciseBadge(text) : null,
          pageHeading(notice.title),
          published(notice, text, language),
          notice.exercise ? h('p', { class: 'notice-box notice-exercise' }, text.notices.exerciseNote) : null,
          ...paragraphs(notice.body).map((paragraph) => h('p', { class: 'notice-body' }, paragraph)),
        ),
      );
    } catch (error) {
      if (isAbort(error)) return;
      if (isNotFound(error))
        notFoundView(main, context, text.notices.notFoundTitle, text.notices.notFoundText);
      else
        replaceChildren(
          main,
          errorBox(error, text, () => void load()),
        );
    }
  };
  void load();
};

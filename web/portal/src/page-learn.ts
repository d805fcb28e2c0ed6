/**
 * The education pages: an index of the articles and each article with its sources at the bottom (a source not
 * yet checked by the Department says so). Numbers come from the reference data through `learnValues`.
 */
import { PUBLIC_PORTAL_SOURCES } from '@sievert/core/reference/public-portal';
import { loadingLine, notFoundView, pageHeading, type PortalContext, type RenderPage } from './context';
import { h, replaceChildren } from './dom';
import { formatDelay } from './format';
import { fill, type Language, type Messages } from './i18n';
import { LEARN_SOURCES, LEARN_TEXT, learnValues, type LearnBlock, type LearnText } from './learn-text';
import { markerSymbol } from './page-home';
import { LEARN_TOPICS, pathFor, type LearnTopic } from './routes';
import { classLabel, classRange, SCALE_CLASSES } from './scale';

function isTopic(value: string): value is LearnTopic {
  return (LEARN_TOPICS as readonly string[]).includes(value);
}

function scaleTable(caption: string, learn: LearnText, language: Language): HTMLElement {
  return h(
    'table',
    { class: 'data-table scale-table' },
    h('caption', undefined, caption),
    h(
      'thead',
      undefined,
      h(
        'tr',
        undefined,
        h('th', { scope: 'col' }, learn.scaleRange),
        h('th', { scope: 'col' }, learn.scaleLabel),
      ),
    ),
    h(
      'tbody',
      undefined,
      ...SCALE_CLASSES.map((entry) =>
        h(
          'tr',
          undefined,
          h('th', { scope: 'row' }, markerSymbol('value', entry.colour), classRange(entry, language)),
          h('td', undefined, classLabel(entry, language)),
        ),
      ),
    ),
  );
}

function block(
  item: LearnBlock,
  values: Record<string, string>,
  learn: LearnText,
  language: Language,
): HTMLElement {
  switch (item.type) {
    case 'p':
      return h('p', undefined, fill(item.text, values));
    case 'h2':
      return h('h2', undefined, fill(item.text, values));
    case 'ul':
      return h('ul', undefined, ...item.items.map((entry) => h('li', undefined, fill(entry, values))));
    case 'ol':
      return h('ol', undefined, ...item.items.map((entry) => h('li', undefined, fill(entry, values))));
    case 'scale':
      return h('div', { class: 'table-scroll' }, scaleTable(item.caption, learn, language));
  }
}

function sourcesList(topic: LearnTopic, text: Messages): HTMLElement {
  return h(
    'section',
    { class: 'sources', 'aria-labelledby': 'sources-heading' },
    h('h2', { id: 'sources-heading' }, text.learn.sources),
    h(
      'ol',
      undefined,
      ...LEARN_SOURCES[topic].map((key) => {
        const source = PUBLIC_PORTAL_SOURCES[key];
        if (!source) return null;
        return h(
          'li',
          undefined,
          source.url
            ? h('a', { href: source.url, rel: 'noopener', target: '_blank' }, source.title)
            : source.title,
          source.status === 'to_verify' ? h('span', { class: 'muted' }, ` (${text.learn.toVerify})`) : null,
        );
      }),
    ),
  );
}

export const renderLearn: RenderPage = (main, _route, context) => {
  const { text, language } = context;
  const learn = LEARN_TEXT[language];
  context.setTitle(text.learn.title);
  replaceChildren(
    main,
    pageHeading(text.learn.title),
    h('p', { class: 'lead' }, text.learn.intro),
    h(
      'ul',
      { class: 'card-list topic-list', 'aria-label': text.learn.topicsLabel },
      ...LEARN_TOPICS.map((topic) =>
        h(
          'li',
          { class: 'card' },
          h(
            'h2',
            { class: 'card-title' },
            h('a', { href: pathFor({ name: 'topic', topic }) }, learn.topics[topic].title),
          ),
          h('p', undefined, learn.topics[topic].summary),
        ),
      ),
    ),
  );
};

function renderArticle(
  main: HTMLElement,
  topic: LearnTopic,
  context: PortalContext,
  delay: string | null,
): void {
  const { text, language } = context;
  const learn = LEARN_TEXT[language];
  const article = learn.topics[topic];
  const values = learnValues(language, delay);
  const index = LEARN_TOPICS.indexOf(topic);
  const previous = LEARN_TOPICS[index - 1];
  const next = LEARN_TOPICS[index + 1];
  context.setTitle(article.title);
  replaceChildren(
    main,
    h('p', { class: 'breadcrumb' }, h('a', { href: pathFor({ name: 'learn' }) }, `← ${text.learn.all}`)),
    h(
      'article',
      { class: 'prose' },
      pageHeading(article.title),
      h('p', { class: 'lead' }, article.summary),
      ...article.blocks.map((item) => block(item, values, learn, language)),
      sourcesList(topic, text),
    ),
    h(
      'nav',
      { class: 'pager', 'aria-label': text.learn.topicsLabel },
      previous
        ? h(
            'a',
            { href: pathFor({ name: 'topic', topic: previous }), rel: 'prev' },
            `← ${learn.topics[previous].title}`,
          )
        : h('span'),
      next
        ? h(
            'a',
            { href: pathFor({ name: 'topic', topic: next }), rel: 'next' },
            `${learn.topics[next].title} →`,
          )
        : null,
    ),
  );
}

export const renderTopic: RenderPage = (main, route, context) => {
  if (route.name !== 'topic') return;
  const { text, language } = context;
  if (!isTopic(route.topic)) {
    notFoundView(main, context, text.learn.notFoundTitle, text.notFound.text);
    return;
  }
  const topic = route.topic;
  if (topic !== 'network') {
    renderArticle(main, topic, context, null);
    return;
  }
  // The network article states the current publication delay, from the overview.
  replaceChildren(main, loadingLine(text.site.loading));
  context
    .overview()
    .then((overview) => formatDelay(overview.delaySeconds, language))
    .catch(() => null)
    .then((delay) => {
      if (!context.signal.aborted) renderArticle(main, topic, context, delay);
    })
    .catch(() => undefined);
};

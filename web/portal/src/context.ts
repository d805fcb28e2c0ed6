/**
 * What every page gets from the portal's shell, and the small pieces of UI several pages share (error and loading
 * messages, the page heading that receives focus after a navigation, the not-found view).
 */
import type { PublicOverview } from '@sievert/core';
import { h, replaceChildren } from './dom';
import { fill, type Language, type Messages } from './i18n';
import { PortalApiError } from './api';
import { pathFor, type Route } from './routes';

export interface PortalContext {
  language: Language;
  text: Messages;
  /** Follows a portal address without reloading the page. */
  navigate(path: string): void;
  /** The network overview (province, publisher, licence, status), read once per visit unless refreshed. */
  overview(): Promise<PublicOverview>;
  /** Reads the overview again (the home page does every minute). */
  refreshOverview(): Promise<PublicOverview>;
  /** Sets the document title: "<page> · <site>". */
  setTitle(title: string): void;
  /** Aborted when the visitor leaves the page: late answers are dropped. */
  signal: AbortSignal;
}

/** A page draws itself into `main` and may return its clean-up (timers, the map). */
export type RenderPage = (main: HTMLElement, route: Route, context: PortalContext) => void | (() => void);

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function errorText(error: unknown, text: Messages): string {
  if (error instanceof PortalApiError) {
    if (error.status === 0) return text.errors.network;
    if (error.status === 429)
      return fill(text.errors.rateLimited, { seconds: error.retryAfterSeconds ?? 60 });
    return fill(text.errors.generic, { status: error.status });
  }
  return text.errors.network;
}

/** An error message (announced to screen readers) with a button to try again. */
export function errorBox(error: unknown, text: Messages, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice-box notice-error', role: 'alert' },
    h('p', undefined, errorText(error, text)),
    retry ? h('button', { type: 'button', class: 'button', onclick: retry }, text.site.retry) : null,
  );
}

export function loadingLine(message: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, message);
}

/** The page's heading: the target of focus after a navigation, so a screen reader starts at the new page. */
export function pageHeading(title: string): HTMLHeadingElement {
  return h('h1', { class: 'page-title', tabindex: -1 }, title);
}

export function provinceName(overview: PublicOverview, language: Language): string {
  return language === 'en' ? overview.province.nameEn : overview.province.name;
}

export function notFoundView(
  main: HTMLElement,
  context: PortalContext,
  title: string,
  message: string,
): void {
  context.setTitle(title);
  replaceChildren(
    main,
    pageHeading(title),
    h('p', undefined, message),
    h('p', undefined, h('a', { href: pathFor({ name: 'home' }) }, context.text.notFound.back)),
  );
}

/** Who publishes the data, in the visitor's language. */
export function publisherName(overview: PublicOverview, language: Language): string {
  return language === 'en' ? overview.publisherEn : overview.publisher;
}

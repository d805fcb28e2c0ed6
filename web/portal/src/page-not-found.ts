/** Any address under /public/ that is not a page. */
import { notFoundView, type RenderPage } from './context';

export const renderNotFound: RenderPage = (main, _route, context) => {
  notFoundView(main, context, context.text.notFound.title, context.text.notFound.text);
};

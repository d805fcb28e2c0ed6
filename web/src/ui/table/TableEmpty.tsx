import { Empty } from 'antd';

/** What an empty table says: nothing matches the filters, or nothing exists yet. */
export function TableEmpty({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="table-empty" />;
}

import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** The title of a page (also the document title) with an optional line of context and actions. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Sievert`;
  }, [title]);
  return (
    <Flex className="page-header" justify="space-between" align="flex-start" gap={12} wrap>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} data-testid="page-title" style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {subtitle}
          </Typography.Paragraph>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap className="page-header-extra">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

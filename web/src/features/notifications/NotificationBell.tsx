import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Badge, Button, Drawer, Empty, Flex, Segmented, Spin, Tooltip, Typography } from 'antd';
import { BellOutlined, CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { NotificationItem } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { LoadError, useDescribeError } from '../../ui/errors/ErrorAlert';
import { useIsMobile } from '../../ui/useMediaQuery';
import { useInbox, useInvalidateNotifications, useMarkAllRead, useMarkRead, useUnreadCount } from './api';
import { SeverityTag } from './badges';
import { useLiveConnected, useLiveEvents } from './live';

const PAGE = 20;

function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const describe = useDescribeError();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const inbox = useInbox({ unread: unreadOnly || undefined, limit });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const live = useLiveConnected();

  const openItem = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) {
      onNavigate();
      void navigate(item.link);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => {
            setUnreadOnly(value === 'unread');
            setLimit(PAGE);
          }}
          options={[
            { value: 'all', label: t('notifications.drawer.all') },
            { value: 'unread', label: t('notifications.drawer.unread') },
          ]}
          data-testid="notifications-filter"
        />
        <Button
          size="small"
          icon={<CheckOutlined />}
          disabled={(inbox.data?.unread ?? 0) === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, { onError: (error) => void message.error(describe(error).message) })
          }
          data-testid="notifications-read-all"
        >
          {t('notifications.drawer.markAllRead')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="notifications-live">
        <Badge status={live ? 'success' : 'default'} />{' '}
        {live ? t('notifications.drawer.live') : t('notifications.drawer.offline')}
      </Typography.Text>
      {inbox.isError ? (
        <LoadError error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.isPending ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : inbox.data.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={unreadOnly ? t('notifications.drawer.emptyUnread') : t('notifications.drawer.empty')}
        />
      ) : (
        <div role="list" data-testid="notifications-list">
          {inbox.data.items.map((item) => (
            <Flex
              key={item.id}
              role="listitem"
              gap={8}
              align="flex-start"
              className={item.readAt ? 'notification-read' : 'notification-unread'}
              style={{
                padding: '12px 0',
                borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
                opacity: item.readAt ? 0.75 : 1,
              }}
              data-testid={`notification-${item.id}`}
            >
              <div style={{ flex: 1, minWidth: 0 }}>
                <Flex gap={8} align="center" wrap style={{ marginBottom: 4 }}>
                  <SeverityTag severity={item.severity} />
                  {item.link ? (
                    <Typography.Link strong={!item.readAt} onClick={() => openItem(item)}>
                      {item.title[language]}
                    </Typography.Link>
                  ) : (
                    <Typography.Text strong={!item.readAt}>{item.title[language]}</Typography.Text>
                  )}
                </Flex>
                <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-line' }}>
                  {item.body[language]}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {format.dateTime(item.createdAt)}
                </Typography.Text>
              </div>
              {item.readAt ? null : (
                <Tooltip title={t('notifications.drawer.markRead')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<CheckOutlined />}
                    aria-label={t('notifications.drawer.markRead')}
                    onClick={() => markRead.mutate(item.id)}
                    data-testid={`notification-read-${item.id}`}
                  />
                </Tooltip>
              )}
            </Flex>
          ))}
        </div>
      )}
      {inbox.data && inbox.data.total > inbox.data.items.length ? (
        <Button onClick={() => setLimit((current) => current + PAGE)} loading={inbox.isFetching}>
          {t('notifications.drawer.more')}
        </Button>
      ) : null}
    </Flex>
  );
}

/** The bell in the header: the unread count, live; a click opens the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const language = useLanguage();
  const isMobile = useIsMobile();
  const { notification } = App.useApp();
  const unread = useUnreadCount();
  const invalidate = useInvalidateNotifications();
  const [open, setOpen] = useState(false);

  useLiveEvents<NotificationItem>('notification', (item) => {
    void invalidate();
    // Alerts and emergencies also pop up, wherever the person is in the app.
    if (item.severity === 'alert' || item.severity === 'emergency') {
      notification.open({
        key: `notification-${item.id}`,
        // Bottom right: the header (the bell itself, the account menu) stays reachable.
        placement: 'bottomRight',
        type: item.severity === 'emergency' ? 'error' : 'warning',
        title: item.title[language],
        description: item.body[language],
        duration: item.severity === 'emergency' ? 0 : 10,
        onClick: () => setOpen(true),
      });
    }
  });

  return (
    <>
      <Tooltip
        title={unread > 0 ? t('notifications.bell.unread', { count: unread }) : t('notifications.bell.label')}
      >
        <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
          <Button
            type="text"
            icon={<BellOutlined />}
            aria-label={
              unread > 0 ? t('notifications.bell.unread', { count: unread }) : t('notifications.bell.label')
            }
            onClick={() => setOpen(true)}
            data-testid="notification-bell"
            data-unread={unread}
          />
        </Badge>
      </Tooltip>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        size={isMobile ? '100%' : 440}
        title={t('notifications.drawer.title')}
        extra={
          <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notification-settings-link">
            <SettingOutlined /> {t('notifications.drawer.settings')}
          </Link>
        }
        destroyOnHidden
        data-testid="notification-drawer"
      >
        <NotificationList onNavigate={() => setOpen(false)} />
      </Drawer>
    </>
  );
}

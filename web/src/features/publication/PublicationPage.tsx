import { useSearchParams } from 'react-router-dom';
import { Badge, Button, Flex, Tabs } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Permission } from '@sievert/core';
import { useAuth } from '../../app/auth/AuthContext';
import { PageHeader } from '../../ui/PageHeader';
import { useNoticeQueue } from './api';
import { FILTER_STATES, type NoticeRights } from './noticeQueue';
import { NoticeQueueTab } from './NoticeQueueTab';
import { PUBLIC_PORTAL_URL } from './paths';
import { RulesTab } from './RulesTab';

type PublicationTab = 'rules' | 'notices';

/**
 * "Công bố thông tin": what of the monitoring data the public portal shows (publication rules, embargoes) and
 * the public notices about incidents awaiting approval. Each tab shows for those who may read it; the server
 * checks again on every call.
 */
export default function PublicationPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const canReadRules =
    can(Permission.StationManage) || can(Permission.PublicationManage) || can(Permission.IncidentManage);
  const canManageRules = can(Permission.PublicationManage);
  const rights: NoticeRights = {
    submit: can(Permission.IncidentManage),
    approve: can(Permission.IncidentNoticeApprove),
  };
  const canQueue = rights.submit || rights.approve;
  // The same requests as the queue's default view: react-query shares them.
  const pending = useNoticeQueue(FILTER_STATES.pending, canQueue);
  const pendingCount = pending.lists.reduce((sum, list) => sum + list.length, 0);

  const available: PublicationTab[] = [
    ...(canReadRules ? (['rules'] as const) : []),
    ...(canQueue ? (['notices'] as const) : []),
  ];
  const requested = params.get('tab');
  const tab = available.find((key) => key === requested) ?? available[0] ?? 'rules';

  const items = [
    ...(canReadRules
      ? [
          {
            key: 'rules',
            label: <span data-testid="publication-tab-rules">{t('publication.tabs.rules')}</span>,
            children: <RulesTab canManage={canManageRules} />,
          },
        ]
      : []),
    ...(canQueue
      ? [
          {
            key: 'notices',
            label: (
              <Flex gap={6} align="center" data-testid="publication-tab-notices">
                {t('publication.tabs.notices')}
                {pendingCount > 0 ? <Badge count={pendingCount} size="small" /> : null}
              </Flex>
            ),
            children: <NoticeQueueTab rights={rights} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('publication.title')}
        subtitle={t('publication.subtitle')}
        extra={
          <Button
            icon={<ExportOutlined />}
            href={PUBLIC_PORTAL_URL}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="publication-open-portal"
          >
            {t('publication.openPortal')}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === available[0] ? {} : { tab: key }, { replace: true })}
        items={items}
        destroyOnHidden
        data-testid="publication-tabs"
      />
    </>
  );
}

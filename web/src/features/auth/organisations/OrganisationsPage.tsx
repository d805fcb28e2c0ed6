import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORGANISATION_KINDS, Permission, type Organisation, type OrganisationKind } from '@sievert/core';
import { api } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useLanguage } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { PageHeader } from '../../../ui/PageHeader';
import { LoadError, useDescribeError } from '../../../ui/errors/ErrorAlert';
import { tablePagination, useListParams } from '../../../ui/table/useListParams';
import { TableEmpty } from '../../../ui/table/TableEmpty';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { CommuneSelect } from '../../geo/CommuneSelect';
import { communeLabel, useCommunes } from '../../geo/api';
import { useInvalidateOrganisations, useOrganisations } from './api';
import { OrganisationDrawer } from './OrganisationDrawer';

const KIND_COLOURS: Record<OrganisationKind, string> = {
  dost: 'geekblue',
  department: 'blue',
  commune_committee: 'cyan',
  facility: 'gold',
  response_agency: 'volcano',
};

const FILTERS = ['q', 'kind', 'communeCode', 'status'] as const;

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { message } = App.useApp();
  const { me, can } = useAuth();
  const describe = useDescribeError();
  const list = useListParams(FILTERS);
  const { filters } = list;
  const isMobile = useIsMobile();
  const kind = ORGANISATION_KINDS.find((value) => value === filters.kind);
  const status = filters.status === 'active' || filters.status === 'inactive' ? filters.status : undefined;
  const communeCode =
    filters.communeCode && /^\d{5}$/.test(filters.communeCode) ? filters.communeCode : undefined;
  const organisations = useOrganisations({
    q: filters.q,
    kind,
    status,
    communeCode,
    limit: list.pageSize,
    offset: list.offset,
  });
  const communes = useCommunes();
  const communeNames = useMemo(
    () => new Map((communes.data ?? []).map((commune) => [commune.code, communeLabel(commune, language)])),
    [communes.data, language],
  );
  const invalidate = useInvalidateOrganisations();
  // Each opening gets a fresh drawer (and form store): values typed for one record never leak into the next.
  const [drawer, setDrawer] = useState<{ open: boolean; id: number | null; session: number }>({
    open: false,
    id: null,
    session: 0,
  });
  const openDrawer = (id: number | null) =>
    setDrawer((current) => ({ open: true, id, session: current.session + 1 }));

  const remove = useMutation({
    mutationFn: (organisation: Organisation) => api.delete(`/organisations/${organisation.id}`),
    onSuccess: async (_result, organisation) => {
      void message.success(t('organisations.deleted', { name: organisation.name }));
      await invalidate();
    },
    onError: (error) => void message.error(describe(error).message),
  });

  const canEdit = (organisation: Organisation) =>
    can(Permission.OrganisationUpdate) ||
    (can(Permission.OrganisationUpdateOwn) && organisation.id === me?.organisationId);

  const columns: ColumnsType<Organisation> = [
    {
      title: t('organisations.code'),
      dataIndex: 'code',
      render: (code: string) => <span className="mono">{code}</span>,
    },
    {
      title: t('organisations.name'),
      dataIndex: 'name',
      render: (_name, organisation) => (
        <div style={{ minWidth: 200, maxWidth: 380 }}>
          <div>{organisation.name}</div>
          {organisation.nameEn ? (
            <div className="muted" style={{ fontSize: 12 }}>
              {organisation.nameEn}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('organisations.kindAndCommune'),
      dataIndex: 'kind',
      render: (value: OrganisationKind, organisation) => (
        <div style={{ minWidth: 150 }}>
          <Tag color={KIND_COLOURS[value]} style={{ marginInlineEnd: 0 }}>
            {t(`organisationKinds.${value}`)}
          </Tag>
          {organisation.communeCode ? (
            <div className="muted" style={{ fontSize: 12, marginTop: 2 }}>
              {communeNames.get(organisation.communeCode) ?? organisation.communeCode}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('organisations.contact'),
      key: 'contact',
      responsive: ['xxl'],
      render: (_value, organisation) =>
        organisation.phone || organisation.email ? (
          <div style={{ fontSize: 13 }}>
            {organisation.phone ? <div>{organisation.phone}</div> : null}
            {organisation.email ? <div className="muted">{organisation.email}</div> : null}
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('organisations.userCount'),
      dataIndex: 'userCount',
      align: 'right',
      render: (count: number) => format.number(count),
    },
    {
      title: t('organisations.status'),
      dataIndex: 'status',
      render: (value: Organisation['status']) => (
        <Badge
          status={value === 'active' ? 'success' : 'default'}
          text={<span style={{ whiteSpace: 'nowrap' }}>{t(`organisations.statuses.${value}`)}</span>}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: isMobile ? undefined : 'right',
      width: 104,
      render: (_value, organisation) => (
        <Flex gap={4}>
          {canEdit(organisation) ? (
            <Tooltip title={t('common.edit')}>
              <Button
                type="text"
                icon={<EditOutlined />}
                aria-label={`${t('common.edit')}: ${organisation.name}`}
                data-testid={`organisation-edit-${organisation.code}`}
                onClick={() => openDrawer(organisation.id)}
              />
            </Tooltip>
          ) : null}
          {can(Permission.OrganisationDelete) ? (
            <Popconfirm
              title={t('organisations.deleteTitle')}
              description={
                organisation.userCount > 0
                  ? t('organisations.deleteHasUsers', { count: organisation.userCount })
                  : t('organisations.deleteConfirm', { name: organisation.name })
              }
              okText={t('common.delete')}
              okButtonProps={{ danger: true, disabled: organisation.userCount > 0 }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutate(organisation)}
            >
              <Tooltip title={t('common.delete')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`${t('common.delete')}: ${organisation.name}`}
                  data-testid={`organisation-delete-${organisation.code}`}
                />
              </Tooltip>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.admin.organisations')}
        subtitle={t('organisations.subtitle')}
        extra={
          can(Permission.OrganisationCreate) ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => openDrawer(null)}
              data-testid="organisation-create"
            >
              {t('organisations.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex className="filter-bar" gap={8} wrap>
          <Input.Search
            key={`q-${filters.q ?? ''}`}
            defaultValue={filters.q}
            placeholder={t('organisations.searchPlaceholder')}
            allowClear
            onSearch={(value) => list.setFilters({ q: value.trim() })}
            style={{ width: 280 }}
            data-testid="organisation-search"
          />
          <Select<OrganisationKind>
            value={kind}
            allowClear
            placeholder={t('organisations.allKinds')}
            onChange={(value) => list.setFilters({ kind: value })}
            options={ORGANISATION_KINDS.map((value) => ({ value, label: t(`organisationKinds.${value}`) }))}
            style={{ width: 240 }}
            popupMatchSelectWidth={false}
          />
          <CommuneSelect
            value={communeCode}
            onChange={(value) => list.setFilters({ communeCode: value })}
            placeholder={t('organisations.allCommunes')}
            style={{ width: 220 }}
          />
          <Select
            value={status}
            allowClear
            placeholder={t('organisations.allStatuses')}
            onChange={(value: string | undefined) => list.setFilters({ status: value })}
            options={[
              { value: 'active', label: t('organisations.statuses.active') },
              { value: 'inactive', label: t('organisations.statuses.inactive') },
            ]}
            style={{ width: 170 }}
          />
          {list.active ? <Button onClick={list.reset}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {organisations.isError ? (
          <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
        ) : (
          <Table<Organisation>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={organisations.data?.items}
            loading={organisations.isFetching}
            pagination={tablePagination(list, organisations.data?.total, t, format.number)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <TableEmpty text={list.active ? t('common.noMatches') : t('organisations.empty')} />,
            }}
            data-testid="organisations-table"
          />
        )}
      </Card>
      <OrganisationDrawer
        key={drawer.session}
        open={drawer.open}
        organisationId={drawer.id}
        onClose={() => setDrawer((current) => ({ ...current, open: false }))}
      />
    </>
  );
}

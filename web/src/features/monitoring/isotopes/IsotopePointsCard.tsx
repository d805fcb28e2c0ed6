import { useState } from 'react';
import { App, AutoComplete, Button, Card, Form, Input, Modal, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Permission, type IsotopeSamplingPoint, type UpdateIsotopeSamplingPointBody } from '@sievert/core';
import { apiRequest } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useFormat } from '../../../app/i18n/format';
import { ErrorAlert, LoadError } from '../../../ui/errors/ErrorAlert';
import { riversOf, useInvalidateIsotopes, useIsotopePoints } from './api';

interface Values {
  riverVi: string;
  riverEn?: string | null;
}

/** Sets the river of one sampling point (the grouping of the analysis). */
function RiverModal({ point, onClose }: { point: IsotopeSamplingPoint; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const points = useIsotopePoints();
  const rivers = riversOf(points.data);
  const invalidate = useInvalidateIsotopes();
  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: UpdateIsotopeSamplingPointBody = {
        riverVi: values.riverVi.trim(),
        riverEn: values.riverEn?.trim() || null,
      };
      return apiRequest<IsotopeSamplingPoint>('PUT', `/isotopes/points/${encodeURIComponent(point.code)}`, {
        body,
      });
    },
    onSuccess: async () => {
      await invalidate();
      void message.success(t('isotopes.points.saved', { code: point.code }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('isotopes.points.editTitle', { code: point.code })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'isotope-point-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ riverVi: point.riverVi ?? '', riverEn: point.riverEn }}
        onFinish={(values) => save.mutate(values)}
      >
        {save.isError ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
        <Form.Item
          name="riverVi"
          label={t('isotopes.points.riverVi')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { min: 2, max: 100, message: t('form.lengthBetween', { min: 2, max: 100 }) },
          ]}
          extra={t('isotopes.points.riverHint')}
        >
          <AutoComplete
            options={rivers.map((r) => ({ value: r.vi }))}
            onSelect={(value: string) =>
              form.setFieldValue('riverEn', rivers.find((r) => r.vi === value)?.en ?? null)
            }
            data-testid="isotope-point-river"
          />
        </Form.Item>
        <Form.Item
          name="riverEn"
          label={t('isotopes.points.riverEn')}
          rules={[{ max: 100, message: t('form.maxLength', { max: 100 }) }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The river sampling points with their river; managers set a point's river here. */
export function IsotopePointsCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const points = useIsotopePoints();
  const [editing, setEditing] = useState<IsotopeSamplingPoint | null>(null);
  const manage = can(Permission.IsotopeManage);
  const columns: ColumnsType<IsotopeSamplingPoint> = [
    {
      title: t('isotopes.fields.station'),
      key: 'code',
      render: (_v, p) => <span className="mono">{p.code}</span>,
    },
    {
      title: t('isotopes.points.name'),
      key: 'name',
      render: (_v, p) => <div style={{ minWidth: 160, maxWidth: 320 }}>{p.name}</div>,
    },
    {
      title: t('isotopes.fields.river'),
      key: 'river',
      render: (_v, p) =>
        p.riverVi ? (
          <span>
            {p.riverVi}
            {p.riverEn ? <span className="muted"> · {p.riverEn}</span> : null}
          </span>
        ) : (
          <span className="muted">{t('isotopes.list.noRiver')}</span>
        ),
    },
    {
      title: t('isotopes.analysis.samples'),
      key: 'samples',
      align: 'right',
      render: (_v, p) => format.number(p.samples),
    },
    {
      title: t('isotopes.points.last'),
      key: 'last',
      render: (_v, p) => format.date(p.lastSampledAt),
    },
  ];
  if (manage)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_v, p) => (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setEditing(p)}
          aria-label={t('isotopes.points.edit')}
          title={t('isotopes.points.edit')}
          data-testid={`isotope-point-edit-${p.code}`}
        />
      ),
    });
  return (
    <Card title={t('isotopes.points.title')} className="detail-card">
      {points.isError ? (
        <LoadError error={points.error} onRetry={() => void points.refetch()} />
      ) : (
        <Table<IsotopeSamplingPoint>
          rowKey="stationId"
          size="small"
          columns={columns}
          dataSource={points.data}
          loading={points.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          data-testid="isotope-points"
        />
      )}
      {editing ? <RiverModal point={editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

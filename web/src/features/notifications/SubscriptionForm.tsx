import { useEffect, useMemo, type ReactNode } from 'react';
import { Button, Col, Form, Row, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KIND_PATTERN, type SubscriptionBody } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { communeLabel, useCommunes } from '../geo/api';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { foldText } from '../../ui/text';
import { SUGGESTED_KINDS, useKindLabel, useSeverityOptions } from './badges';

const KIND_FILTER = new RegExp(NOTIFICATION_KIND_PATTERN.replace(/\$$/, '(\\.\\*)?$'));

/** Several communes of the province, searchable with or without diacritics. */
export function CommuneMultiSelect({
  value,
  onChange,
  placeholder,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const language = useLanguage();
  const communes = useCommunes();
  const options = useMemo(
    () =>
      (communes.data ?? [])
        .map((commune) => ({
          value: commune.code,
          label: communeLabel(commune, language),
          search: foldText(`${commune.fullName} ${commune.fullNameEn} ${commune.code}`),
        }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [communes.data, language],
  );
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      value={value ?? []}
      onChange={(next: string[]) => onChange?.(next)}
      options={options}
      loading={communes.isPending}
      placeholder={placeholder}
      showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(foldText(input)) }}
      maxTagCount="responsive"
      data-testid={testId}
    />
  );
}

/** Kinds of notification: the usual ones offered, any other typed (exact, or a family as `alarm.*`). */
export function KindSelect({
  value,
  onChange,
  placeholder,
  id,
  'data-testid': testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  id?: string;
  'data-testid'?: string;
}) {
  const kindLabel = useKindLabel();
  return (
    <Select
      id={id}
      mode="tags"
      allowClear
      value={value ?? []}
      onChange={(next: string[]) =>
        onChange?.(next.map((kind) => kind.trim().toLowerCase()).filter((kind) => KIND_FILTER.test(kind)))
      }
      options={SUGGESTED_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
      placeholder={placeholder}
      tokenSeparators={[',', ' ']}
      data-testid={testId}
    />
  );
}

/**
 * The settings of a subscription (a person's or a role's): each channel on or off and from which severity,
 * then the kinds and communes. `extra` sits under the e-mail channel (the address, or why no e-mail goes out).
 */
export function SubscriptionForm({
  initial,
  onSave,
  saving,
  emailExtra,
  footer,
  testIdPrefix,
}: {
  initial: SubscriptionBody;
  onSave: (body: SubscriptionBody) => Promise<unknown>;
  saving: boolean;
  emailExtra?: ReactNode;
  footer?: ReactNode;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubscriptionBody>();
  const severityOptions = useSeverityOptions();
  const labels = {
    kinds: t('notifications.subscription.kinds'),
    communeCodes: t('notifications.subscription.communes'),
    inApp: t('notifications.subscription.inApp'),
    email: t('notifications.subscription.email'),
  };
  const { error, handle, clear } = useFormError(form, ['kinds', 'communeCodes', 'inApp', 'email'], labels);
  useEffect(() => {
    form.setFieldsValue(initial);
  }, [form, initial]);
  const inAppOn = Form.useWatch(['inApp', 'enabled'], form);
  const emailOn = Form.useWatch(['email', 'enabled'], form);

  const channel = (name: 'inApp' | 'email', on: boolean | undefined, extra?: ReactNode) => (
    <Col xs={24} md={12}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {labels[name]}
      </Typography.Text>
      <Space wrap align="center">
        <Form.Item name={[name, 'enabled']} valuePropName="checked" noStyle>
          <Switch data-testid={`${testIdPrefix}-${name}-enabled`} />
        </Form.Item>
        <span>{t('notifications.subscription.enabled')}</span>
        <span className="muted">{t('notifications.subscription.minSeverity')}</span>
        <Form.Item name={[name, 'minSeverity']} noStyle>
          <Select
            options={severityOptions}
            disabled={!on}
            style={{ minWidth: 140 }}
            data-testid={`${testIdPrefix}-${name}-severity`}
            aria-label={`${labels[name]}: ${t('notifications.subscription.minSeverity')}`}
          />
        </Form.Item>
      </Space>
      {extra ? <div style={{ marginTop: 8 }}>{extra}</div> : null}
    </Col>
  );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(values) => {
        clear();
        onSave({
          inApp: values.inApp,
          email: values.email,
          kinds: values.kinds ?? [],
          communeCodes: values.communeCodes ?? [],
        }).catch(handle);
      }}
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      <Row gutter={[24, 16]} style={{ marginBottom: 16 }}>
        {channel('inApp', inAppOn)}
        {channel('email', emailOn, emailExtra)}
      </Row>
      <Form.Item name="kinds" label={labels.kinds} extra={t('notifications.subscription.kindsHint')}>
        <KindSelect
          placeholder={t('notifications.subscription.kindsPlaceholder')}
          data-testid={`${testIdPrefix}-kinds`}
        />
      </Form.Item>
      <Form.Item
        name="communeCodes"
        label={labels.communeCodes}
        extra={t('notifications.subscription.communesHint')}
      >
        <CommuneMultiSelect
          placeholder={t('notifications.subscription.communesPlaceholder')}
          data-testid={`${testIdPrefix}-communes`}
        />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={saving} data-testid={`${testIdPrefix}-save`}>
          {t('common.save')}
        </Button>
        {footer}
      </Space>
    </Form>
  );
}

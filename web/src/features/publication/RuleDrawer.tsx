import { useMemo } from 'react';
import { App, Flex, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  PUBLICATION_MODES,
  type PublicationMode,
  type PublicationRule,
  type PublicationRuleBody,
  type PublicationRules,
} from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { FormDrawer } from '../../ui/forms/FormDrawer';
import { ErrorAlert } from '../../ui/errors/ErrorAlert';
import { useFormError } from '../../ui/forms/useFormError';
import { foldText } from '../../ui/text';
import { useSetPublicationRule } from './api';
import { DELAY_UNITS, joinDelay, splitDelay, type DelayUnit } from './delay';
import { EMBARGO_REASON_MAX, MAX_DELAY_S } from './limits';
import { useDelayText } from './labels';

/** What the drawer edits: the network's default, a station's own rule, or a new station rule. */
export type RuleTarget = { kind: 'network' } | { kind: 'station'; rule: PublicationRule } | { kind: 'add' };

export interface StationChoice {
  code: string;
  name: string;
}

interface RuleValues {
  station?: string;
  delayValue: number | null;
  delayUnit: DelayUnit;
  mode: PublicationMode;
  embargo: boolean;
  embargoReason: string;
}

const FIELDS = ['station', 'delayValue', 'mode', 'embargo', 'embargoReason'] as const;

function initialValues(target: RuleTarget, rules: PublicationRules): RuleValues {
  // A new station rule starts from the network's delay and mode, without embargo.
  const rule = target.kind === 'station' ? target.rule : rules.network;
  const delay = splitDelay(rule.delaySeconds);
  const embargo = target.kind === 'add' ? false : rule.embargo;
  return {
    delayValue: delay.value,
    delayUnit: delay.unit,
    mode: rule.mode,
    embargo,
    embargoReason: embargo ? (rule.embargoReason ?? '') : '',
  };
}

/**
 * Edits one publication rule. Setting or lifting an embargo asks first, saying what the public will (no longer)
 * see; a station's name is said along with its code.
 */
export function RuleDrawer({
  target,
  rules,
  stations,
  onClose,
}: {
  target: RuleTarget;
  rules: PublicationRules;
  stations: readonly StationChoice[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message, modal } = App.useApp();
  const delayText = useDelayText();
  const save = useSetPublicationRule();
  const [form] = Form.useForm<RuleValues>();
  const initial = useMemo(() => initialValues(target, rules), [target, rules]);
  const embargo = Form.useWatch('embargo', form) ?? initial.embargo;
  const chosenStation = Form.useWatch('station', form);
  const isNetwork = target.kind === 'network';
  const labels = {
    station: t('publication.rules.fields.station'),
    delayValue: t('publication.rules.fields.delay'),
    delaySeconds: t('publication.rules.fields.delay'),
    mode: t('publication.rules.fields.mode'),
    embargo: t('publication.rules.fields.embargo'),
    embargoReason: t('publication.rules.fields.embargoReason'),
  };
  const { error, handle, clear } = useFormError(form, FIELDS, labels);

  const withOwnRule = useMemo(() => new Set(rules.stations.map((rule) => rule.station)), [rules.stations]);
  const stationOptions = useMemo(
    () =>
      stations
        .filter((station) => !withOwnRule.has(station.code))
        .map((station) => ({
          value: station.code,
          label: `${station.code} — ${station.name}`,
          search: foldText(`${station.code} ${station.name}`),
        })),
    [stations, withOwnRule],
  );
  const stationCode = target.kind === 'station' ? target.rule.station : (chosenStation ?? null);
  const stationName = stations.find((station) => station.code === stationCode)?.name;
  const stationLabel = stationCode ? (stationName ? `${stationCode} (${stationName})` : stationCode) : '';

  const title =
    target.kind === 'network'
      ? t('publication.rules.editNetwork')
      : target.kind === 'station'
        ? t('publication.rules.editStation', { station: stationLabel })
        : t('publication.rules.addTitle');

  const submit = (values: RuleValues) => {
    clear();
    const station = target.kind === 'station' ? target.rule.station : values.station;
    const body: PublicationRuleBody = {
      ...(station ? { station } : {}),
      delaySeconds: joinDelay({ value: values.delayValue ?? 0, unit: values.delayUnit }),
      mode: values.mode,
      embargo: values.embargo,
      ...(values.embargo ? { embargoReason: values.embargoReason.trim() } : {}),
    };
    const send = () =>
      save
        .mutateAsync(body)
        .then(() => {
          void message.success(t('publication.rules.saved'));
          onClose();
        })
        .catch(handle);
    if (values.embargo === initial.embargo) {
      void send();
      return;
    }
    const set = values.embargo;
    void modal.confirm({
      title: isNetwork
        ? t(set ? 'publication.rules.embargoSetTitleNetwork' : 'publication.rules.embargoLiftTitleNetwork')
        : t(set ? 'publication.rules.embargoSetTitleStation' : 'publication.rules.embargoLiftTitleStation', {
            station: stationLabel,
          }),
      content: isNetwork
        ? t(set ? 'publication.rules.embargoSetTextNetwork' : 'publication.rules.embargoLiftTextNetwork')
        : t(set ? 'publication.rules.embargoSetTextStation' : 'publication.rules.embargoLiftTextStation'),
      okText: t(set ? 'publication.rules.embargoSetOk' : 'publication.rules.embargoLiftOk'),
      okButtonProps: { danger: set, 'data-testid': 'publication-embargo-confirm' },
      cancelText: t('common.cancel'),
      onOk: send,
    });
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      title={title}
      editing={target.kind !== 'add'}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="publication-rule-save"
      loading={false}
      loadError={null}
    >
      <ErrorAlert error={error} fieldLabels={labels} style={{ marginBottom: 12 }} />
      <Form<RuleValues> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {target.kind === 'add' ? (
          <Form.Item
            name="station"
            label={labels.station}
            extra={t('publication.rules.stationHint')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Select
              options={stationOptions}
              placeholder={t('publication.rules.stationPlaceholder')}
              showSearch={{
                filterOption: (input, option) =>
                  Boolean(option && String(option.search).includes(foldText(input.trim()))),
              }}
              data-testid="publication-rule-station"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={labels.delayValue}
          required
          extra={t('publication.rules.delayHint', { max: delayText(MAX_DELAY_S) })}
        >
          <Space.Compact style={{ width: 280, maxWidth: '100%' }}>
            <Form.Item
              name="delayValue"
              noStyle
              dependencies={['delayUnit']}
              rules={[
                { required: true, message: t('form.required') },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: number | null | undefined) => {
                    if (typeof value !== 'number') return;
                    if (value < 0) throw new Error(t('publication.rules.delayMin'));
                    const seconds = joinDelay({ value, unit: getFieldValue('delayUnit') as DelayUnit });
                    if (seconds > MAX_DELAY_S)
                      throw new Error(t('publication.rules.delayMax', { max: delayText(MAX_DELAY_S) }));
                  },
                }),
              ]}
            >
              <InputNumber<number>
                min={0}
                decimalSeparator={language === 'vi' ? ',' : '.'}
                style={{ width: '55%' }}
                aria-label={labels.delayValue}
                data-testid="publication-rule-delay"
              />
            </Form.Item>
            <Form.Item name="delayUnit" noStyle>
              <Select<DelayUnit>
                style={{ width: '45%' }}
                aria-label={t('publication.rules.fields.unit')}
                options={DELAY_UNITS.map((unit) => ({ value: unit, label: t(`publication.units.${unit}`) }))}
                data-testid="publication-rule-delay-unit"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="mode" label={labels.mode}>
          <Radio.Group style={{ width: '100%' }} data-testid="publication-rule-mode">
            <Flex vertical gap={10}>
              {PUBLICATION_MODES.map((mode) => (
                <Radio key={mode} value={mode} data-testid={`publication-rule-mode-${mode}`}>
                  <div>{t(`publication.modes.${mode}`)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`publication.modeHints.${mode}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="embargo"
          label={labels.embargo}
          valuePropName="checked"
          extra={
            isNetwork ? t('publication.rules.embargoHintNetwork') : t('publication.rules.embargoHintStation')
          }
        >
          <Switch data-testid="publication-rule-embargo" />
        </Form.Item>
        {embargo ? (
          <Form.Item
            name="embargoReason"
            label={labels.embargoReason}
            rules={[
              { required: true, whitespace: true, message: t('form.required') },
              ...(EMBARGO_REASON_MAX
                ? [{ max: EMBARGO_REASON_MAX, message: t('form.maxLength', { max: EMBARGO_REASON_MAX }) }]
                : []),
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={EMBARGO_REASON_MAX}
              placeholder={t('publication.rules.embargoReasonPlaceholder')}
              data-testid="publication-rule-embargo-reason"
            />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}

import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  ALARM_RULES,
  ALARM_SEVERITIES,
  validateAlarmRuleSet,
  type AlarmRule,
  type AlarmRuleSet,
  type AlarmSeverity,
} from '@sievert/core';
import { isApiError } from '../../../app/api/client';
import { translateOptional } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import { FormDrawer } from '../../../ui/forms/FormDrawer';
import { FormErrors } from '../../../ui/forms/FormErrors';
import { useSaveAlarmRules, type RulesTarget } from './api';
import {
  GROUP_FIELDS,
  RULE_GROUPS,
  RUNG_FIELDS,
  displayOf,
  extraProblems,
  formFieldPaths,
  fromFormValues,
  namePath,
  ruleLabelKey,
  serverProblems,
  sortRungs,
  toDisplay,
  toFormValues,
  type ChoiceField,
  type NumberField,
  type RuleFormValues,
  type RuleGroup,
  type RuleProblem,
  type RungValues,
} from './fields';
import {
  useFlagOptions,
  useLooseT,
  useProblemText,
  useRuleHint,
  useRuleLabel,
  useUnitText,
} from './useRuleText';

/** The antd rules of a number: required, and the limits of core's validator in the unit the form shows. */
function useNumberRules(field: NumberField) {
  const tt = useLooseT();
  const format = useFormat();
  const unitText = useUnitText();
  const display = displayOf(field.unit);
  const min = toDisplay(field.min, display) ?? field.min;
  const max = field.max === undefined ? undefined : (toDisplay(field.max, display) ?? field.max);
  const problem = (key: string, limit?: number) =>
    new Error(
      tt(`monitoring.rules.problems.${key}`, {
        limit: limit === undefined ? undefined : `${format.number(limit, 4)} ${unitText(field.unit, limit)}`,
      }),
    );
  return [
    { required: true, message: tt('form.required') },
    {
      validator: async (_rule: unknown, value: number | null | undefined) => {
        if (typeof value !== 'number') return;
        if (field.minExclusive ? value <= min : value < min)
          throw problem(field.minExclusive ? 'gt' : 'gte', min);
        if (max !== undefined && value > max) throw problem('lte', max);
        if (field.integer && !Number.isInteger(value)) throw problem('integer');
      },
    },
  ];
}

function NumberInput({
  field,
  name,
  label,
  tooltip,
  testId,
}: {
  field: NumberField;
  /** Form name path (inside a list); defaults to the field's path. */
  name?: (string | number)[];
  label?: string;
  tooltip?: string;
  testId?: string;
}) {
  const ruleLabel = useRuleLabel();
  const hint = useRuleHint();
  const unitText = useUnitText();
  const rules = useNumberRules(field);
  // No min/max/precision on the input: antd would silently clamp or round what an official typed; the rules say
  // what is wrong instead.
  return (
    <Form.Item
      name={name ?? namePath(field.path)}
      label={label ?? ruleLabel(field.path)}
      tooltip={tooltip ?? (name ? undefined : hint(field.path))}
      rules={rules}
      validateFirst
    >
      <InputNumber
        style={{ width: '100%' }}
        suffix={unitText(field.unit)}
        data-testid={testId ?? `rule-field-${field.path}`}
      />
    </Form.Item>
  );
}

function SeveritySelect(props: {
  value?: AlarmSeverity;
  onChange?: (value: AlarmSeverity) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Select<AlarmSeverity>
      value={props.value}
      onChange={props.onChange}
      options={ALARM_SEVERITIES.map((value) => ({ value, label: t(`monitoring.alarm.severities.${value}`) }))}
      data-testid={props.testId}
    />
  );
}

function ChoiceInput({ field }: { field: ChoiceField }) {
  const tt = useLooseT();
  const label = useRuleLabel();
  const hint = useRuleHint();
  const flagOptions = useFlagOptions();
  const testId = `rule-field-${field.path}`;
  return (
    <Form.Item
      name={namePath(field.path)}
      label={label(field.path)}
      tooltip={hint(field.path)}
      rules={field.type === 'severity' ? [{ required: true, message: tt('form.required') }] : []}
    >
      {field.type === 'severity' ? (
        <SeveritySelect testId={testId} />
      ) : (
        <Select<string[]>
          mode="multiple"
          allowClear
          options={
            field.type === 'flags'
              ? flagOptions
              : ALARM_RULES.map((rule) => ({
                  value: rule,
                  label: translateOptional(ruleLabelKey(rule), rule),
                }))
          }
          data-testid={testId}
        />
      )}
    </Form.Item>
  );
}

/** For `episodes.clearMinutes.<rule>`: the rule's name (the group says what the minutes are). */
function episodeRule(path: string): string | null {
  const rule = /^episodes\.clearMinutes\.(\w+)$/.exec(path)?.[1];
  return rule ? translateOptional(ruleLabelKey(rule as AlarmRule), rule) : null;
}

function GroupFields({ group }: { group: RuleGroup }) {
  const tt = useLooseT();
  const hint = useRuleHint();
  const fields = GROUP_FIELDS[group];
  return (
    <section className="rules-editor-group" data-testid={`rules-edit-group-${group}`}>
      <Typography.Title level={5} className="rules-editor-title">
        {tt(`monitoring.rules.groups.${group}.title`)}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="rules-group-description">
        {tt(`monitoring.rules.groups.${group}.description`)}
      </Typography.Paragraph>
      {group === 'level' ? <Rungs /> : null}
      <Row gutter={16}>
        {fields.map((field) => (
          <Col key={field.path} xs={24} sm={field.type === 'rules' || field.type === 'flags' ? 24 : 12}>
            {field.type === 'number' ? (
              <NumberInput
                field={field}
                label={episodeRule(field.path) ?? undefined}
                tooltip={episodeRule(field.path) ? hint(field.path) : undefined}
              />
            ) : (
              <ChoiceInput field={field} />
            )}
          </Col>
        ))}
      </Row>
    </section>
  );
}

/** The level ladder: one box per rung; added rungs go where their threshold puts them when saved. */
function Rungs() {
  const tt = useLooseT();
  const label = useRuleLabel();
  const hint = useRuleHint();
  const required = { required: true, message: tt('form.required') };
  return (
    <Form.List name={['level', 'rungs']}>
      {(items, { add, remove }) => (
        <Flex vertical gap={8} style={{ marginBottom: 16 }}>
          {items.map((item, index) => (
            <div key={item.key} className="rules-rung" data-testid={`rule-rung-${index}`}>
              <Button
                type="text"
                danger
                size="small"
                className="rules-rung-remove"
                icon={<DeleteOutlined />}
                disabled={items.length <= 1}
                onClick={() => remove(item.name)}
                aria-label={tt('monitoring.rules.removeRung')}
                title={tt('monitoring.rules.removeRung')}
                data-testid={`rule-rung-remove-${index}`}
              />
              <Row gutter={12}>
                <Col xs={8} sm={6}>
                  <Form.Item
                    name={[item.name, 'id']}
                    label={tt('monitoring.rules.rungLabel', { n: index + 1 })}
                    rules={[
                      { ...required, whitespace: true },
                      { max: 20, message: tt('form.maxLength', { max: 20 }) },
                    ]}
                  >
                    <Input className="mono" maxLength={20} data-testid={`rule-rung-id-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={16} sm={9}>
                  <NumberInput
                    field={RUNG_FIELDS.threshold}
                    name={[item.name, 'threshold']}
                    label={label('level.rungs.0.threshold')}
                    testId={`rule-rung-threshold-${index}`}
                  />
                </Col>
                <Col xs={24} sm={9}>
                  <Form.Item
                    name={[item.name, 'severity']}
                    label={label('level.rungs.0.severity')}
                    rules={[required]}
                  >
                    <SeveritySelect testId={`rule-rung-severity-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={14} sm={12}>
                  <NumberInput
                    field={RUNG_FIELDS.confirmValues}
                    name={[item.name, 'confirmValues']}
                    label={label('level.rungs.0.confirmValues')}
                    tooltip={hint('level.rungs.0.confirmValues')}
                    testId={`rule-rung-confirm-${index}`}
                  />
                </Col>
                <Col xs={10} sm={12}>
                  <Form.Item
                    name={[item.name, 'rainMayExplain']}
                    label={label('level.rungs.0.rainMayExplain')}
                    tooltip={hint('level.rungs.0.rainMayExplain')}
                    valuePropName="checked"
                  >
                    <Switch
                      checkedChildren={tt('monitoring.rules.yes')}
                      unCheckedChildren={tt('monitoring.rules.no')}
                      data-testid={`rule-rung-rain-${index}`}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {tt('monitoring.rules.rungHint')}
          </Typography.Text>
          {items.length < 12 ? (
            <Button
              icon={<PlusOutlined />}
              style={{ alignSelf: 'flex-start' }}
              onClick={() =>
                add({
                  id: '',
                  severity: 'alert',
                  threshold: null,
                  confirmValues: 2,
                  rainMayExplain: false,
                } satisfies RungValues)
              }
              data-testid="rule-rung-add"
            >
              {tt('monitoring.rules.addRung')}
            </Button>
          ) : null}
        </Flex>
      )}
    </Form.List>
  );
}

interface PlacedProblem {
  field: string;
  label: string;
  text: string;
}

/** Puts each problem next to its field; returns the problems placed and whether some had no field. */
function placeProblems(
  form: FormInstance<RuleFormValues>,
  problems: readonly RuleProblem[],
  describe: (problem: RuleProblem) => PlacedProblem,
): { placed: PlacedProblem[]; unplaced: boolean } {
  const rungs = (form.getFieldValue(['level', 'rungs']) as unknown[] | undefined)?.length ?? 0;
  const known = formFieldPaths(rungs);
  const byField = new Map<string, string[]>();
  const placed: PlacedProblem[] = [];
  let unplaced = false;
  for (const problem of problems) {
    if (!known.has(problem.field)) {
      unplaced = true;
      continue;
    }
    const described = describe(problem);
    placed.push(described);
    byField.set(problem.field, [...(byField.get(problem.field) ?? []), described.text]);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: namePath(field), errors })));
  const first = placed[0];
  if (first) form.scrollToField(namePath(first.field), { block: 'center', behavior: 'smooth' });
  return { placed, unplaced };
}

/**
 * The whole rule set in one form (network or one station): numbers with their units and limits, the ladder's
 * rungs, severities and rule lists. Checked here with core's validator, then by the server; each problem lands on
 * its field.
 */
export function RulesEditor({
  title,
  intro,
  initial,
  fills,
  target,
  onClose,
  onSaved,
  reload,
}: {
  title: string;
  intro: string;
  /** The rules the form starts from. */
  initial: AlarmRuleSet;
  /** Sets the form can be filled with (the defaults; for a station, also the network's rules). */
  fills: { label: string; rules: AlarmRuleSet; testId: string }[];
  target: RulesTarget;
  onClose: () => void;
  onSaved: () => void;
  reload: () => Promise<AlarmRuleSet | undefined>;
}) {
  const { t } = useTranslation();
  const tt = useLooseT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const label = useRuleLabel();
  const problemText = useProblemText();
  const save = useSaveAlarmRules(target);
  const [generalError, setGeneralError] = useState<unknown>(null);
  const [placed, setPlaced] = useState<PlacedProblem[]>([]);

  const groupLabels = Object.fromEntries(
    RULE_GROUPS.map((group) => [group, tt(`monitoring.rules.groups.${group}.title`)]),
  );
  groupLabels.nonBlockingFlags = label('nonBlockingFlags');

  const describe = (problem: RuleProblem): PlacedProblem => {
    const group = problem.field.split('.')[0] ?? '';
    const rung = /^level\.rungs\.(\d+)\./.exec(problem.field);
    const where = [
      group === 'nonBlockingFlags' ? groupLabels.dataQuality : groupLabels[group],
      rung ? tt('monitoring.rules.rungLabel', { n: Number(rung[1]) + 1 }) : null,
      label(problem.field),
      episodeRule(problem.field),
    ]
      .filter(Boolean)
      .join(' › ');
    return { field: problem.field, label: where, text: problemText(problem) };
  };

  const clearErrors = () => {
    setGeneralError(null);
    setPlaced([]);
    save.reset();
  };

  const show = (problems: RuleProblem[], cause: unknown) => {
    const result = placeProblems(form, problems, describe);
    setPlaced(result.placed);
    setGeneralError(result.unplaced ? cause : null);
  };

  const submit = (values: RuleFormValues) => {
    clearErrors();
    const rungs = sortRungs(values.level.rungs ?? []);
    if (rungs !== values.level.rungs) form.setFieldValue(['level', 'rungs'], rungs);
    const rules = fromFormValues({ ...values, level: { ...values.level, rungs } }, initial);
    const problems: RuleProblem[] = [
      ...validateAlarmRuleSet(rules).map((problem) => ({ field: problem.field, detail: problem.reason })),
      ...extraProblems(rules),
    ];
    if (problems.length) {
      show(problems, null);
      return;
    }
    save.mutate(rules, {
      onSuccess: () => {
        void message.success(t('monitoring.rules.saved'));
        onSaved();
      },
      onError: (cause) => {
        if (isApiError(cause, 'validation.failed')) show(serverProblems(cause.details), cause);
        else setGeneralError(cause);
      },
    });
  };

  const fill = (rules: AlarmRuleSet) => {
    clearErrors();
    form.resetFields();
    form.setFieldsValue(toFormValues(rules));
    void message.info(t('monitoring.rules.filled'));
  };

  return (
    <FormDrawer
      open
      onClose={onClose}
      title={title}
      editing
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="rules-save"
      loading={false}
      loadError={null}
    >
      <Form<RuleFormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(initial)}
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        className="rules-editor"
        data-testid="rules-form"
      >
        <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          {fills.map((option) => (
            <Button
              key={option.testId}
              size="small"
              icon={<UndoOutlined />}
              onClick={() => fill(option.rules)}
              data-testid={option.testId}
            >
              {option.label}
            </Button>
          ))}
        </Flex>
        <FormErrors<AlarmRuleSet>
          error={generalError}
          fieldLabels={groupLabels}
          saveError={save.error}
          onReset={clearErrors}
          reload={() => reload().then((data) => ({ data }))}
          apply={(data) => form.setFieldsValue(toFormValues(data))}
        />
        {placed.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={tt('monitoring.rules.fieldsInvalid', { count: placed.length })}
            description={
              <ul className="rules-problem-list">
                {placed.map((problem, index) => (
                  <li key={index}>
                    <Typography.Link
                      onClick={() =>
                        form.scrollToField(namePath(problem.field), { block: 'center', behavior: 'smooth' })
                      }
                    >
                      {problem.label}
                    </Typography.Link>
                    : {problem.text}
                  </li>
                ))}
              </ul>
            }
            data-testid="rules-form-errors"
          />
        ) : null}
        {RULE_GROUPS.map((group) => (
          <GroupFields key={group} group={group} />
        ))}
      </Form>
    </FormDrawer>
  );
}

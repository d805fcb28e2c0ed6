import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Flex, Row, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ALARM_RULES, type AlarmLevelRung, type AlarmRule, type AlarmSeverity } from '@sievert/core';
import { translateOptional } from '../../../app/i18n';
import { useIsMobile } from '../../../ui/useMediaQuery';
import { AlarmSeverityTag } from '../alarms';
import { GROUP_FIELDS, getPath, ruleLabelKey, type RuleField, type RuleGroup } from './fields';
import { RuleMarks, type RulesContext } from './RuleMarks';
import { useLooseT, useRuleHint, useRuleLabel, useRuleValueText } from './useRuleText';

/** A value and its marks (source, to verify, adjusted), wrapping on a phone. */
function Value({ ctx, path, children }: { ctx: RulesContext; path: string; children: ReactNode }) {
  return (
    <Flex gap={6} align="center" wrap className="rules-value" data-testid={`rule-value-${path}`}>
      <span className="rules-value-text">{children}</span>
      <RuleMarks ctx={ctx} path={path} />
    </Flex>
  );
}

/** A label that explains itself on hover when the field has a hint. */
function Label({ path }: { path: string }) {
  const label = useRuleLabel();
  const hint = useRuleHint();
  const text = hint(path);
  return text ? (
    <Tooltip title={text}>
      <span className="rules-label-hint">{label(path)}</span>
    </Tooltip>
  ) : (
    <>{label(path)}</>
  );
}

function ListTags({ path, items }: { path: string; items: readonly string[] }) {
  const tt = useLooseT();
  if (items.length === 0) return <span className="muted">{tt('monitoring.rules.none')}</span>;
  return (
    <Flex gap={4} wrap component="span">
      {items.map((item) => (
        <Tag key={item} className="rules-list-tag">
          {path === 'nonBlockingFlags'
            ? translateOptional(`monitoring.flags.${item}`, item)
            : translateOptional(ruleLabelKey(item as AlarmRule), item)}
        </Tag>
      ))}
    </Flex>
  );
}

function FieldValue({ ctx, field }: { ctx: RulesContext; field: RuleField }) {
  const valueText = useRuleValueText();
  const value = getPath(ctx.set, field.path);
  return (
    <Value ctx={ctx} path={field.path}>
      {field.type === 'severity' ? (
        <AlarmSeverityTag severity={value as AlarmSeverity} />
      ) : field.type === 'number' ? (
        <span className="value-cell">{valueText(field.path, ctx.set)}</span>
      ) : (
        <ListTags path={field.path} items={Array.isArray(value) ? (value as string[]) : []} />
      )}
    </Value>
  );
}

function GroupCard({
  group,
  ctx,
  children,
  extra,
}: {
  group: RuleGroup;
  ctx: RulesContext;
  children?: ReactNode;
  extra?: ReactNode;
}) {
  const tt = useLooseT();
  const fields = GROUP_FIELDS[group].filter((field) => field.type !== 'severity');
  const severity = GROUP_FIELDS[group].find((field) => field.type === 'severity');
  return (
    <Card
      size="small"
      title={tt(`monitoring.rules.groups.${group}.title`)}
      extra={
        severity ? (
          <Value ctx={ctx} path={severity.path}>
            <AlarmSeverityTag severity={getPath(ctx.set, severity.path) as AlarmSeverity} />
          </Value>
        ) : (
          extra
        )
      }
      className="detail-card rules-card"
      data-testid={`rules-group-${group}`}
    >
      <Typography.Paragraph type="secondary" className="rules-group-description">
        {tt(`monitoring.rules.groups.${group}.description`)}
      </Typography.Paragraph>
      {children}
      {group === 'episodes' ? null : (
        <Descriptions
          column={1}
          size="small"
          className={`rules-descriptions rules-descriptions-${group}`}
          items={fields.map((field) => ({
            key: field.path,
            label: <Label path={field.path} />,
            children: <FieldValue ctx={ctx} field={field} />,
          }))}
        />
      )}
    </Card>
  );
}

type RungRow = AlarmLevelRung & { index: number };

function LevelCard({ ctx }: { ctx: RulesContext }) {
  const isMobile = useIsMobile();
  const label = useRuleLabel();
  const valueText = useRuleValueText();
  const path = (index: number, key: string) => `level.rungs.${index}.${key}`;
  const columns: ColumnsType<RungRow> = [
    {
      title: label('level.rungs.0.id'),
      dataIndex: 'id',
      render: (id: string, row) => (
        <span className="mono" data-testid={`rule-rung-view-${row.index}`}>
          {id}
        </span>
      ),
    },
    {
      title: label('level.rungs.0.threshold'),
      dataIndex: 'threshold',
      render: (_value: number, row) => (
        <Value ctx={ctx} path={path(row.index, 'threshold')}>
          <span className="value-cell">{valueText(path(row.index, 'threshold'), ctx.set)}</span>
        </Value>
      ),
    },
    {
      title: label('level.rungs.0.severity'),
      dataIndex: 'severity',
      render: (severity: AlarmSeverity, row) => (
        <Value ctx={ctx} path={path(row.index, 'severity')}>
          <AlarmSeverityTag severity={severity} />
        </Value>
      ),
    },
    {
      title: <Label path="level.rungs.0.confirmValues" />,
      dataIndex: 'confirmValues',
      render: (_value: number, row) => (
        <Value ctx={ctx} path={path(row.index, 'confirmValues')}>
          <span className="value-cell">{valueText(path(row.index, 'confirmValues'), ctx.set)}</span>
        </Value>
      ),
    },
    {
      title: <Label path="level.rungs.0.rainMayExplain" />,
      dataIndex: 'rainMayExplain',
      render: (_value: boolean, row) => (
        <Value ctx={ctx} path={path(row.index, 'rainMayExplain')}>
          {valueText(path(row.index, 'rainMayExplain'), ctx.set)}
        </Value>
      ),
    },
  ];
  if (isMobile)
    return (
      <GroupCard group="level" ctx={ctx} extra={null}>
        <Flex vertical gap={8} className="rules-ladder" data-testid="rules-ladder">
          {ctx.set.level.rungs.map((rung, index) => (
            <div key={index} className="rules-rung-view">
              <Flex gap={8} align="center" wrap>
                <span className="mono" data-testid={`rule-rung-view-${index}`}>
                  {rung.id}
                </span>
                <Value ctx={ctx} path={path(index, 'threshold')}>
                  <strong className="value-cell">{valueText(path(index, 'threshold'), ctx.set)}</strong>
                </Value>
                <Value ctx={ctx} path={path(index, 'severity')}>
                  <AlarmSeverityTag severity={rung.severity} />
                </Value>
              </Flex>
              <Descriptions
                column={1}
                size="small"
                className="rules-descriptions"
                items={(['confirmValues', 'rainMayExplain'] as const).map((key) => ({
                  key,
                  label: <Label path={path(index, key)} />,
                  children: (
                    <Value ctx={ctx} path={path(index, key)}>
                      {valueText(path(index, key), ctx.set)}
                    </Value>
                  ),
                }))}
              />
            </div>
          ))}
        </Flex>
      </GroupCard>
    );
  return (
    <GroupCard group="level" ctx={ctx} extra={null}>
      <Table<RungRow>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={ctx.set.level.rungs.map((rung, index) => ({ ...rung, index }))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        className="rules-ladder"
        data-testid="rules-ladder"
      />
    </GroupCard>
  );
}

interface EpisodeRow {
  rule: AlarmRule;
}

function EpisodesCard({ ctx }: { ctx: RulesContext }) {
  const tt = useLooseT();
  const valueText = useRuleValueText();
  const autoResolve = ctx.set.episodes.autoResolve;
  const columns: ColumnsType<EpisodeRow> = [
    {
      title: tt('monitoring.rules.fields.episodes.rule'),
      dataIndex: 'rule',
      render: (rule: AlarmRule) => translateOptional(ruleLabelKey(rule), rule),
    },
    {
      title: <Label path="episodes.clearMinutes.level" />,
      dataIndex: 'rule',
      key: 'clear',
      render: (rule: AlarmRule) => (
        <Value ctx={ctx} path={`episodes.clearMinutes.${rule}`}>
          <span className="value-cell">{valueText(`episodes.clearMinutes.${rule}`, ctx.set)}</span>
        </Value>
      ),
    },
    {
      title: (
        <Flex gap={6} align="center" wrap>
          <Label path="episodes.autoResolve" />
          <RuleMarks ctx={ctx} path="episodes.autoResolve" />
        </Flex>
      ),
      dataIndex: 'rule',
      key: 'auto',
      render: (rule: AlarmRule) => (
        <span data-testid={`rule-value-episodes.autoResolve.${rule}`}>
          {tt(autoResolve.includes(rule) ? 'monitoring.rules.yes' : 'monitoring.rules.no')}
        </span>
      ),
    },
  ];
  return (
    <GroupCard group="episodes" ctx={ctx}>
      <Table<EpisodeRow>
        rowKey="rule"
        size="small"
        columns={columns}
        dataSource={ALARM_RULES.map((rule) => ({ rule }))}
        pagination={false}
        className="rules-episodes"
        data-testid="rules-episodes"
      />
    </GroupCard>
  );
}

/**
 * A rule set as officials think of it: the level ladder first, then the station's own baseline, rate of rise,
 * offline and data quality, then how rain and neighbours are judged, and how long an episode lasts. Every number
 * has its source and whether it still needs approval.
 */
export function RulesView({ ctx }: { ctx: RulesContext }) {
  return (
    <Row gutter={[16, 16]} data-testid="rules-view">
      <Col span={24}>
        <LevelCard ctx={ctx} />
      </Col>
      <Col xs={24} lg={12}>
        <Flex vertical gap={16}>
          <GroupCard group="baseline" ctx={ctx} />
          <GroupCard group="rateOfRise" ctx={ctx} />
          <GroupCard group="offline" ctx={ctx} />
          <GroupCard group="dataQuality" ctx={ctx} />
        </Flex>
      </Col>
      <Col xs={24} lg={12}>
        <Flex vertical gap={16}>
          <GroupCard group="rain" ctx={ctx} />
          <GroupCard group="neighbours" ctx={ctx} />
          <EpisodesCard ctx={ctx} />
        </Flex>
      </Col>
    </Row>
  );
}

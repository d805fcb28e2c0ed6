import { Popover, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ALARM_REFERENCE_SOURCES, type AlarmRuleSet } from '@sievert/core';
import type { AlarmRuleReference } from './api';
import { defaultPath, differsFromDefault } from './fields';
import { useRuleValueText } from './useRuleText';

/** What a shown rule set is judged against: the defaults, with the source of every default number. */
export interface RulesContext {
  set: AlarmRuleSet;
  defaults: AlarmRuleSet;
  references: ReadonlyMap<string, AlarmRuleReference>;
}

export function referenceMap(references: readonly AlarmRuleReference[]): Map<string, AlarmRuleReference> {
  return new Map(references.map((reference) => [reference.path, reference]));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The reference codes a source names (`MON-5.2-L2`, `NADAM`), with what each stands for. */
export function citedSources(source: string): [string, string][] {
  return Object.entries(ALARM_REFERENCE_SOURCES).filter(([code]) =>
    new RegExp(`(^|[^A-Za-z0-9-])${escape(code)}(?![A-Za-z0-9])`).test(source),
  );
}

function SourceText({ reference }: { reference: AlarmRuleReference }) {
  const { t } = useTranslation();
  const cited = citedSources(reference.source);
  return (
    <div className="rules-source" data-testid="rule-source">
      <Typography.Paragraph style={{ marginBottom: cited.length ? 8 : 0 }}>
        {reference.source}
      </Typography.Paragraph>
      {cited.length ? (
        <>
          <Typography.Text type="secondary" strong style={{ fontSize: 12 }}>
            {t('monitoring.rules.references')}
          </Typography.Text>
          <ul className="rules-source-list">
            {cited.map(([code, text]) => (
              <li key={code}>
                <span className="mono">{code}</span>: {text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * After a value: where the default came from (ⓘ) and whether it still needs approval, or that officials changed
 * it (with the default it replaced).
 */
export function RuleMarks({ ctx, path }: { ctx: RulesContext; path: string }) {
  const { t } = useTranslation();
  const valueText = useRuleValueText();
  const at = defaultPath(ctx.set, ctx.defaults, path);
  const reference = at === null ? undefined : ctx.references.get(at);
  if (at === null) {
    // A rung the defaults do not have: say so once, on its threshold.
    return path.endsWith('.threshold') ? (
      <Tooltip title={t('monitoring.rules.ownRung')}>
        <Tag color="blue" className="rules-tag" data-testid="rule-changed">
          {t('monitoring.rules.changed')}
        </Tag>
      </Tooltip>
    ) : null;
  }
  if (differsFromDefault(ctx.set, ctx.defaults, path)) {
    return (
      <Popover
        trigger={['hover', 'click']}
        title={t('monitoring.rules.changedHint', { value: valueText(at, ctx.defaults) })}
        content={reference ? <SourceText reference={reference} /> : null}
        styles={{ root: { maxWidth: 440 } }}
      >
        <Tag color="blue" className="rules-tag" tabIndex={0} data-testid="rule-changed">
          {t('monitoring.rules.changed')}
        </Tag>
      </Popover>
    );
  }
  if (!reference) return null;
  return (
    <>
      <Popover
        trigger={['hover', 'click']}
        title={t('monitoring.rules.source')}
        content={<SourceText reference={reference} />}
        styles={{ root: { maxWidth: 440 } }}
      >
        <InfoCircleOutlined
          className="rules-source-icon"
          tabIndex={0}
          role="button"
          aria-label={t('monitoring.rules.showSource')}
          data-testid={`rule-source-${path}`}
        />
      </Popover>
      {reference.status === 'to_verify' ? (
        <Tooltip title={t('monitoring.rules.toVerifyHint')}>
          <Tag color="orange" className="rules-tag" data-testid="rule-to-verify">
            {t('monitoring.rules.toVerify')}
          </Tag>
        </Tooltip>
      ) : null}
    </>
  );
}

import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StabilityClass } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import {
  MAX_CHANGE_AFTER_H,
  MAX_WIND_CHANGES,
  STABILITY_OPTIONS,
  type RunFormState,
  type WindChangeRow,
} from './runView';

const KEEP = 'keep';

/**
 * The weather hour by hour: each row a change `after` hours from the start of the release (wind speed, direction,
 * and optionally the stability class). Any row makes the model a puff train on a geographic grid.
 */
export function WindChangesEditor({
  form,
  update,
}: {
  form: RunFormState;
  update: (patch: Partial<RunFormState>) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decimal = language === 'vi' ? ',' : '.';
  const rows = form.changes;
  const setRow = (index: number, patch: Partial<WindChangeRow>) =>
    update({ changes: rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const add = () => {
    const last = rows[rows.length - 1];
    update({
      changes: [
        ...rows,
        {
          afterH: Math.min(MAX_CHANGE_AFTER_H, (last?.afterH ?? 0) + 1),
          windSpeedMS: last?.windSpeedMS ?? form.windSpeedMS,
          windFromDeg: last?.windFromDeg ?? form.windFromDeg,
          stability: null,
        },
      ],
    });
  };
  // What "—" in the stability column means: the class before, or Turner's for the hour in the automatic mode.
  const keepLabel =
    form.stabilityMode === 'turner'
      ? t('emergency.run.changes.dashTurner')
      : t('emergency.run.changes.dashKeep');
  const headers = [
    t('emergency.run.changes.after'),
    t('emergency.run.changes.speed'),
    t('emergency.run.changes.from'),
    t('emergency.run.changes.stability'),
  ];
  return (
    <Flex vertical gap={8} data-testid="run-changes">
      {rows.length > 0 ? (
        // A grid rather than a table: four narrow inputs fit the form's column without scrolling sideways.
        <div className="run-changes-grid" role="table" aria-label={t('emergency.run.changes.title')}>
          <div className="run-changes-row" role="row">
            {headers.map((header) => (
              <span key={header} className="run-changes-head" role="columnheader">
                {header}
              </span>
            ))}
            <span role="columnheader" />
          </div>
          {rows.map((row, k) => (
            <div className="run-changes-row" role="row" key={k} data-testid={`run-change-${k}`}>
              <InputNumber
                value={row.afterH}
                onChange={(v) => setRow(k, { afterH: typeof v === 'number' ? v : null })}
                min={0}
                max={MAX_CHANGE_AFTER_H}
                step={1}
                controls={false}
                decimalSeparator={decimal}
                aria-label={headers[0]}
                data-testid={`run-change-after-${k}`}
              />
              <InputNumber
                value={row.windSpeedMS}
                onChange={(v) => setRow(k, { windSpeedMS: typeof v === 'number' ? v : null })}
                min={0.5}
                max={60}
                step={0.5}
                controls={false}
                decimalSeparator={decimal}
                aria-label={headers[1]}
                data-testid={`run-change-speed-${k}`}
              />
              <InputNumber
                value={row.windFromDeg}
                onChange={(v) => setRow(k, { windFromDeg: typeof v === 'number' ? v : null })}
                min={0}
                max={360}
                step={15}
                controls={false}
                aria-label={headers[2]}
                data-testid={`run-change-from-${k}`}
              />
              <Select<string>
                value={row.stability ?? KEEP}
                onChange={(value) =>
                  setRow(k, { stability: value === KEEP ? null : (value as StabilityClass) })
                }
                options={[
                  { value: KEEP, label: '—' },
                  ...STABILITY_OPTIONS.map((s) => ({ value: s, label: s })),
                ]}
                aria-label={headers[3]}
                data-testid={`run-change-stability-${k}`}
              />
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                onClick={() => update({ changes: rows.filter((_r, i) => i !== k) })}
                aria-label={t('emergency.run.changes.remove')}
              />
            </div>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {keepLabel}
          </Typography.Text>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('emergency.run.changes.none')}</Typography.Text>
      )}
      <Button
        icon={<PlusOutlined />}
        size="small"
        onClick={add}
        disabled={rows.length >= MAX_WIND_CHANGES}
        style={{ alignSelf: 'flex-start' }}
        data-testid="run-change-add"
      >
        {t('emergency.run.changes.add')}
      </Button>
    </Flex>
  );
}

import { Alert, Col, DatePicker, Form, InputNumber, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { StabilityClass } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { STABILITY_OPTIONS, type LatLon, type RunFormState } from './runView';
import { turnerStability, type TurnerFormInput } from './runWeather';

const PICKER_FORMAT = 'YYYY-MM-DDTHH:mm';
const AUTO = 'auto';

/** Why Turner's method gives the class: sun, cloud, ceiling, net radiation index, wind in knots. */
function TurnerExplanation({
  turner,
  point,
  windSpeedMS,
}: {
  turner: TurnerFormInput;
  point: LatLon | null;
  windSpeedMS: number | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const outcome = turnerStability(turner, point, windSpeedMS);
  if (!outcome.ok)
    return (
      <Alert
        type="warning"
        showIcon
        title={t(`emergency.run.errors.${outcome.field}`, { defaultValue: outcome.field })}
        data-testid="run-turner-invalid"
      />
    );
  const r = outcome.result;
  const sun =
    r.insolationClass === null
      ? t('emergency.run.turner.night', { altitude: format.number(r.solarAltitudeDeg, 1) })
      : t('emergency.run.turner.day', {
          altitude: format.number(r.solarAltitudeDeg, 1),
          insolation: r.insolationClass,
        });
  const cloud = t('emergency.run.turner.cloud', {
    oktas: turner.cloudOktas ?? 0,
    ceiling:
      turner.ceilingM === null
        ? t('emergency.run.turner.noCeiling')
        : t('emergency.run.turner.ceiling', { value: format.number(turner.ceilingM) }),
  });
  const wind = t('emergency.run.turner.wind', {
    speed: format.number(windSpeedMS ?? 0, 1),
    knots: r.windKnots,
  });
  return (
    <Alert
      type="info"
      showIcon
      data-testid="run-turner-result"
      data-class={r.stabilityClass}
      title={t('emergency.run.turner.result', {
        cls: r.stabilityClass,
        name: t(`emergency.run.stability.${r.stabilityClass}`),
      })}
      description={
        <Typography.Text style={{ fontSize: 13 }}>
          {sun} {cloud} {t('emergency.run.turner.nri', { nri: r.netRadiationIndex })} {wind}
          {r.turnerClass === 'G' ? ` ${t('emergency.run.turner.gToF')}` : ''}
        </Typography.Text>
      }
    />
  );
}

/**
 * The stability class: one of A–F, or "Tự động (Turner)" with the date and time, cloud cover and ceiling, the class
 * computed by core's Turner method and why.
 */
export function StabilityField({
  form,
  point,
  update,
}: {
  form: RunFormState;
  point: LatLon | null;
  update: (patch: Partial<RunFormState>) => void;
}) {
  const { t } = useTranslation();
  const auto = form.stabilityMode === 'turner';
  const setTurner = (patch: Partial<TurnerFormInput>) => update({ turner: { ...form.turner, ...patch } });
  const options = [
    { value: AUTO, label: t('emergency.run.turner.auto') },
    ...STABILITY_OPTIONS.map((s: StabilityClass) => ({
      value: s,
      label: `${s} — ${t(`emergency.run.stability.${s}`)}`,
    })),
  ];
  const picked = dayjs(form.turner.at, PICKER_FORMAT);
  return (
    <>
      <Form.Item
        label={t('emergency.run.form.stability')}
        extra={auto ? t('emergency.run.turner.hint') : t(`emergency.run.stabilityHint.${form.stability}`)}
      >
        <Select<string>
          value={auto ? AUTO : form.stability}
          onChange={(value) =>
            value === AUTO
              ? update({ stabilityMode: 'turner' })
              : update({ stabilityMode: 'manual', stability: value as StabilityClass })
          }
          options={options}
          popupMatchSelectWidth={false}
          data-testid="run-stability"
          aria-label={t('emergency.run.form.stability')}
        />
      </Form.Item>
      {auto ? (
        <div className="run-turner" data-testid="run-turner">
          <Row gutter={12}>
            <Col xs={24}>
              <Form.Item label={t('emergency.run.turner.time')} extra={t('emergency.run.turner.timeHint')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="DD/MM/YYYY HH:mm"
                  value={picked.isValid() ? picked : null}
                  onChange={(value) => setTurner({ at: value ? value.format(PICKER_FORMAT) : '' })}
                  allowClear={false}
                  style={{ width: '100%' }}
                  data-testid="run-turner-time"
                  aria-label={t('emergency.run.turner.time')}
                />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item label={t('emergency.run.turner.oktas')} extra={t('emergency.run.turner.oktasHint')}>
                <InputNumber
                  value={form.turner.cloudOktas}
                  onChange={(v) => setTurner({ cloudOktas: typeof v === 'number' ? v : null })}
                  min={0}
                  max={8}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="run-turner-oktas"
                  aria-label={t('emergency.run.turner.oktas')}
                />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item
                label={t('emergency.run.turner.ceilingLabel')}
                extra={t('emergency.run.turner.ceilingHint')}
              >
                <InputNumber
                  value={form.turner.ceilingM}
                  onChange={(v) => setTurner({ ceilingM: typeof v === 'number' ? v : null })}
                  min={0}
                  step={100}
                  style={{ width: '100%' }}
                  data-testid="run-turner-ceiling"
                  aria-label={t('emergency.run.turner.ceilingLabel')}
                />
              </Form.Item>
            </Col>
          </Row>
          <TurnerExplanation turner={form.turner} point={point} windSpeedMS={form.windSpeedMS} />
        </div>
      ) : null}
    </>
  );
}

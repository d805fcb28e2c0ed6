import { Card, Descriptions, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@sievert/core';
import { isApiError } from '../../app/api/client';
import { LoadError } from '../../ui/errors/ErrorAlert';
import { useExerciseReport } from './api';
import { durationParts, EXERCISE_TIMINGS } from './model';

/** "1 giờ 5 phút 12 giây" in the user's language. */
function useDurationText(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) =>
    durationParts(seconds)
      .map((part) => t(`incidents.exercise.units.${part.unit}`, { value: part.value }))
      .join(' ');
}

/**
 * "Báo cáo diễn tập": how long the exercise took to reach each step from its start — acknowledgement of a task,
 * first decision, cordon, public notice. A step not reached yet says so.
 */
export function ExerciseReportCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const report = useExerciseReport(incident.id, incident.exercise);
  const duration = useDurationText();
  return (
    <Card
      title={
        <span>
          <ExperimentOutlined /> {t('incidents.exercise.reportTitle')}
        </span>
      }
      className="detail-card incident-exercise-card"
      data-testid="incident-exercise-report"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('incidents.exercise.reportIntro')}
      </Typography.Paragraph>
      {report.isError ? (
        isApiError(report.error) && report.error.status === 404 ? (
          <Typography.Text type="secondary">{t('incidents.exercise.reportUnavailable')}</Typography.Text>
        ) : (
          <LoadError error={report.error} onRetry={() => void report.refetch()} />
        )
      ) : (
        <>
          <Descriptions
            column={1}
            size="small"
            items={EXERCISE_TIMINGS.map((key) => {
              const value = report.data?.[key];
              return {
                key,
                label: t(`incidents.exercise.timings.${key}`),
                children: (
                  <span data-testid={`exercise-${key}`} data-value={value ?? ''}>
                    {report.isPending ? (
                      '…'
                    ) : value === null || value === undefined ? (
                      <span className="muted">{t('incidents.exercise.notYet')}</span>
                    ) : (
                      duration(value)
                    )}
                  </span>
                ),
              };
            })}
          />
          {report.data && report.data.details.length > 0 ? (
            <div style={{ marginTop: 12 }} data-testid="exercise-milestones">
              <Typography.Text strong>{t('incidents.exercise.milestones')}</Typography.Text>
              <ol className="incident-milestones">
                {report.data.details.map((step, index) => (
                  <li key={`${step.event}-${step.refId ?? index}`}>
                    <span className="mono">+{duration(step.afterS)}</span> ·{' '}
                    {t(`incidents.exercise.events.${step.event}`)}
                    {step.text ? <span className="muted"> — {step.text}</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}

import { useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Tag,
  Tooltip,
  Upload,
} from 'antd';
import {
  AuditOutlined,
  CloudOutlined,
  DashboardOutlined,
  ExperimentOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HistoryOutlined,
  MessageOutlined,
  NotificationOutlined,
  PaperClipOutlined,
  SendOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_ATTACHMENT_MAX_BYTES,
  TIMELINE_USER_KINDS,
  type Incident,
  type TimelineEntry,
  type TimelineKind,
  type TimelineUserKind,
} from '@sievert/core';
import { translateOptional, useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';
import { useLiveConnected } from '../notifications/live';
import { ErrorAlert, LoadError } from '../../ui/errors/ErrorAlert';
import { attachmentUrl, useAddTimelineEntry, useTimeline, useUploadAttachment } from './api';
import { systemEntryText } from './timelineText';

const KIND_ICONS: Record<TimelineKind, ReactNode> = {
  log: <FileTextOutlined />,
  decision: <AuditOutlined />,
  measurement: <DashboardOutlined />,
  message: <MessageOutlined />,
  attachment: <PaperClipOutlined />,
  state: <SwapOutlined />,
  task: <TeamOutlined />,
  clock: <FieldTimeOutlined />,
  notice: <NotificationOutlined />,
  run: <CloudOutlined />,
  exercise: <ExperimentOutlined />,
};

/** What the server keeps with an incident (it checks the bytes, not the name). */
const ATTACHMENT_TYPES = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

/** Units a field team reads on its instruments (dose rate, count rate, surface contamination). */
const MEASUREMENT_UNITS = ['µSv/h', 'mSv/h', 'nSv/h', 'cps', 'Bq/cm²'] as const;

/** A measured value kept with a measurement entry (`data: {value, unit}`), as written. */
function measurementText(entry: TimelineEntry, formatNumber: (value: number, digits?: number) => string) {
  const value = entry.data?.value;
  const unit = entry.data?.unit;
  if (typeof value !== 'number' || typeof unit !== 'string') return null;
  return `${formatNumber(value, 3)} ${unit}`;
}

/** The words of a system entry in the reader's language (./timelineText.ts), or null for the stored text. */
function useSystemText(): (entry: TimelineEntry, incident: Incident) => string | null {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  return (entry, incident) =>
    systemEntryText(entry, {
      t,
      language,
      incident,
      fieldLabel: (name) => translateOptional(`incidents.fields.${name}`, name),
      dateTime: format.dateTime,
      number: (value) => format.number(value, value < 10 ? 1 : 0),
    });
}

function Entry({ incident, entry }: { incident: Incident; entry: TimelineEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const systemText = useSystemText();
  const measured = entry.kind === 'measurement' ? measurementText(entry, format.number) : null;
  const person =
    entry.kind === 'log' ||
    entry.kind === 'decision' ||
    entry.kind === 'measurement' ||
    entry.kind === 'message';
  return (
    <li
      className={`incident-entry incident-entry-${entry.kind}${person ? '' : ' incident-entry-system'}`}
      data-testid={`timeline-entry-${entry.id}`}
      data-kind={entry.kind}
    >
      <span className="incident-entry-icon" aria-hidden>
        {KIND_ICONS[entry.kind]}
      </span>
      <div className="incident-entry-body">
        <Flex gap={6} wrap align="baseline" className="incident-entry-head">
          <Tag style={{ marginInlineEnd: 0 }} color={entry.kind === 'decision' ? 'blue' : undefined}>
            {t(`incidents.timeline.kinds.${entry.kind}`)}
          </Tag>
          <span className="muted" style={{ fontSize: 12 }}>
            {format.dateTime(entry.at)}
            {entry.userName ? ` · ${entry.userName}` : ''}
          </span>
        </Flex>
        <div className="incident-entry-text">{systemText(entry, incident) ?? entry.text}</div>
        {measured ? <div className="incident-entry-measured mono">{measured}</div> : null}
        {entry.attachment ? (
          <a
            href={attachmentUrl(incident.id, entry.attachment.id)}
            download={entry.attachment.name}
            data-testid={`timeline-attachment-${entry.attachment.id}`}
          >
            <PaperClipOutlined /> {entry.attachment.name}{' '}
            <span className="muted">({format.bytes(entry.attachment.size)})</span>
          </a>
        ) : null}
      </div>
    </li>
  );
}

/** What participants type: the kind, the text, a measured value for a measurement, and attachments. */
function Composer({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<TimelineUserKind>('log');
  const [text, setText] = useState('');
  const [value, setValue] = useState<number | null>(null);
  const [unit, setUnit] = useState<(typeof MEASUREMENT_UNITS)[number]>('µSv/h');
  const add = useAddTimelineEntry(incident.id);
  const upload = useUploadAttachment(incident.id);
  const send = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    add.mutate(
      {
        kind,
        text: trimmed,
        ...(kind === 'measurement' && value !== null ? { data: { value, unit } } : {}),
      },
      {
        onSuccess: () => {
          setText('');
          setValue(null);
        },
      },
    );
  };
  return (
    <div className="incident-composer" data-testid="timeline-composer">
      {/* Buttons rather than a segmented bar: four kinds wrap on a phone instead of losing their words. */}
      <Flex gap={6} wrap role="radiogroup" aria-label={t('incidents.timeline.kind')}>
        {TIMELINE_USER_KINDS.map((value) => (
          <Button
            key={value}
            size="small"
            type={kind === value ? 'primary' : 'default'}
            icon={KIND_ICONS[value]}
            role="radio"
            aria-checked={kind === value}
            onClick={() => setKind(value)}
            data-testid={`timeline-kind-${value}`}
          >
            {t(`incidents.timeline.kinds.${value}`)}
          </Button>
        ))}
      </Flex>
      <Input.TextArea
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) send();
        }}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={10_000}
        placeholder={t(`incidents.timeline.placeholders.${kind}`)}
        aria-label={t('incidents.timeline.text')}
        data-testid="timeline-text"
      />
      {kind === 'measurement' ? (
        <Flex gap={8} wrap align="center">
          <span className="muted">{t('incidents.timeline.value')}</span>
          <InputNumber<number>
            value={value}
            onChange={(next) => setValue(typeof next === 'number' ? next : null)}
            min={0}
            style={{ width: 140 }}
            data-testid="timeline-value"
          />
          <Select
            value={unit}
            onChange={setUnit}
            options={MEASUREMENT_UNITS.map((value) => ({ value, label: value }))}
            style={{ width: 110 }}
            data-testid="timeline-unit"
          />
        </Flex>
      ) : null}
      <ErrorAlert error={add.error ?? upload.error} />
      <Flex justify="space-between" gap={8} wrap>
        <Upload
          showUploadList={false}
          accept={ATTACHMENT_TYPES}
          multiple={false}
          beforeUpload={(file) => {
            if (file.size > INCIDENT_ATTACHMENT_MAX_BYTES) {
              void message.error(
                t('incidents.timeline.tooLarge', { max: INCIDENT_ATTACHMENT_MAX_BYTES / 1024 / 1024 }),
              );
              return Upload.LIST_IGNORE;
            }
            upload.mutate(file, {
              onSuccess: () => void message.success(t('incidents.timeline.attached', { name: file.name })),
            });
            return false;
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={upload.isPending} data-testid="timeline-attach">
            {t('incidents.timeline.attach')}
          </Button>
        </Upload>
        <Tooltip title={t('incidents.timeline.sendHint')}>
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={send}
            disabled={text.trim() === ''}
            loading={add.isPending}
            data-testid="timeline-submit"
          >
            {t('incidents.timeline.send')}
          </Button>
        </Tooltip>
      </Flex>
    </div>
  );
}

/** The live timeline every participant sees (newest first), and the composer for those who may write. */
export function TimelineCard({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const timeline = useTimeline(incident.id);
  const live = useLiveConnected();
  const entries = [...(timeline.data ?? [])].reverse();
  return (
    <Card
      title={
        <span>
          <HistoryOutlined /> {t('incidents.timeline.title')}
        </span>
      }
      extra={
        <Tooltip title={live ? t('incidents.timeline.liveOn') : t('incidents.timeline.liveOff')}>
          <span className={`incident-live ${live ? 'incident-live-on' : ''}`} data-testid="timeline-live">
            {live ? t('incidents.timeline.live') : t('incidents.timeline.offline')}
          </span>
        </Tooltip>
      }
      className="detail-card"
    >
      {incident.can.contribute ? <Composer incident={incident} /> : null}
      {timeline.isError ? (
        <LoadError error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.isPending ? (
        <Skeleton active />
      ) : entries.length === 0 ? (
        <Empty description={t('incidents.timeline.empty')} data-testid="timeline" />
      ) : (
        <ol className="incident-timeline" data-testid="timeline" data-count={entries.length}>
          {entries.map((entry) => (
            <Entry key={entry.id} incident={incident} entry={entry} />
          ))}
        </ol>
      )}
    </Card>
  );
}

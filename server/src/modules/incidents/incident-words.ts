/**
 * The Vietnamese words of incident documents (report, register, exercise report): kinds, states, severities, INES
 * levels, task statuses, agencies, the addressees of statutory notices, and the system's timeline entries worded
 * from their data (their stored text is a fallback that may carry codes).
 */
import {
  type AgencyKind,
  type ExerciseMilestone,
  type Incident,
  type IncidentOrigin,
  type IncidentSeverity,
  type IncidentState,
  type TaskStatus,
} from '@sievert/core';
import { viNumber } from '../emergency/run-summary.js';
import { INCIDENT_KIND_NAMES } from './incident-messages.js';

export const STATE_NAMES_VI: Record<IncidentState, string> = {
  reported: 'Mới tiếp nhận',
  assessed: 'Đã đánh giá',
  response: 'Đang ứng phó',
  recovery: 'Khắc phục hậu quả',
  closed: 'Đã kết thúc',
};

export const SEVERITY_NAMES_VI: Record<IncidentSeverity, string> = {
  low: 'Thấp',
  moderate: 'Trung bình',
  high: 'Cao',
  critical: 'Nghiêm trọng',
};

export const ORIGIN_NAMES_VI: Record<IncidentOrigin, string> = {
  facility_report: 'Cơ sở báo cáo',
  alarm: 'Cảnh báo của trạm quan trắc',
  hotline: 'Đường dây nóng',
  inspection: 'Thanh tra, kiểm tra',
  officer: 'Cán bộ ghi nhận',
};

/** The levels of the IAEA's International Nuclear and Radiological Event Scale, in the Vietnamese usage. */
export const INES_NAMES_VI = [
  'Sai lệch',
  'Bất thường',
  'Sự cố',
  'Sự cố nghiêm trọng',
  'Tai nạn có hậu quả cục bộ',
  'Tai nạn có hậu quả rộng',
  'Tai nạn nghiêm trọng',
  'Tai nạn rất nghiêm trọng',
];

export const TASK_STATUS_VI: Record<TaskStatus, string> = {
  assigned: 'Chờ xác nhận',
  acknowledged: 'Đã xác nhận',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  cancelled: 'Đã hủy',
};

export const AGENCY_VI: Record<AgencyKind, string> = {
  police: 'Công an',
  fire_rescue: 'Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
  health: 'Y tế',
  environment: 'Môi trường',
  commune: 'Ủy ban nhân dân xã, phường',
  facility: 'Cơ sở bức xạ',
  dost: 'Sở Khoa học và Công nghệ',
  other: 'Khác',
};

/** Addressees of the statutory clocks (reference/incident-clocks.json). */
export const ADDRESSEE_VI: Record<string, string> = {
  varans: 'Cục An toàn bức xạ và hạt nhân',
  dost: 'Sở Khoa học và Công nghệ',
  police: 'Công an tỉnh',
};

export const MILESTONE_VI: Record<ExerciseMilestone['event'], string> = {
  task_acknowledged: 'Xác nhận nhiệm vụ',
  decision: 'Quyết định',
  cordon_set: 'Thiết lập vành đai cách ly',
  notice_approved: 'Duyệt thông báo công chúng',
};

/**
 * The incident's fields by their API names, as an edit's timeline entry names them (lower case: they stand in a
 * sentence, `Cập nhật thông tin: tiêu đề; mô tả`); the code itself for a field not listed.
 */
export const FIELD_NAMES_VI: Record<string, string> = {
  title: 'tiêu đề',
  description: 'mô tả',
  kind: 'loại sự cố',
  lat: 'vĩ độ',
  lon: 'kinh độ',
  communeCode: 'xã, phường',
  finalReport: 'báo cáo kết thúc',
  scenario: 'kịch bản diễn tập',
  sourceId: 'nguồn phóng xạ',
  facilityId: 'cơ sở bức xạ',
};

/** `cao`, `nghiêm trọng`: a severity inside a sentence. */
export function severityVi(severity: IncidentSeverity): string {
  return SEVERITY_NAMES_VI[severity].toLowerCase();
}

/** An assessment's timeline sentence: `Đánh giá: mức độ cao, INES 2 (Sự cố). <reasons>`. */
export function assessmentText(
  severity: IncidentSeverity | null,
  ines: number | null,
  reasons: string | null,
): string {
  const level = ines === null ? '—' : `${ines}${INES_NAMES_VI[ines] ? ` (${INES_NAMES_VI[ines]})` : ''}`;
  return `Đánh giá: mức độ ${severity ? severityVi(severity) : '—'}, INES ${level}${reasons ? `. ${reasons}` : ''}`;
}

export function incidentKindVi(kind: Incident['kind']): string {
  return INCIDENT_KIND_NAMES[kind].vi;
}

/** `20,65000° B, 106,05000° Đ`. */
export function viLatLon(lat: number, lon: number): string {
  return `${viNumber(Math.abs(lat), 5)}° ${lat >= 0 ? 'B' : 'N'}, ${viNumber(Math.abs(lon), 5)}° ${lon >= 0 ? 'Đ' : 'T'}`;
}

const isSeverity = (v: unknown): v is IncidentSeverity => typeof v === 'string' && v in SEVERITY_NAMES_VI;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A decision of the timeline in words: the system's entries (assessment, cordon) from their data, so that a
 * document never shows a code (`high`) or a decimal point; what people wrote, as written.
 */
export function decisionText(text: string, data: Record<string, unknown> | null): string {
  // Entries written before the severity was put in words carry its code (`mức độ high`); a severity in words
  // has no comma, so the head runs to the first one.
  if (data?.event === 'assessment' && isSeverity(data.severity))
    return text.replace(/^Đánh giá: mức độ [^,]*/, `Đánh giá: mức độ ${severityVi(data.severity)}`);
  if (data?.event === 'cordon_set' && isNumber(data.radiusM) && isNumber(data.lat) && isNumber(data.lon))
    return `Thiết lập vành đai cách ly bán kính ${viNumber(data.radiusM, 0)} m, tâm ${viLatLon(data.lat, data.lon)}`;
  return text;
}

/**
 * The legal basis of a statutory deadline as a document cites it: the text's name (`Thông tư 01/2019/TT-BKHCN`)
 * when the deadline was checked against it; a deadline still to verify says so.
 */
export function legalBasis(clock: { source: string; status: 'verified' | 'to_verify' }): string {
  if (clock.status !== 'verified') return 'Thời hạn do hệ thống quy ước, cần đối chiếu văn bản';
  return clock.source.split(' (')[0]!.trim();
}

/** An exercise timing to the second: `6 phút 40 giây`, `1 giờ 5 phút`, `0 giây`. */
export function viElapsed(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts = [hours ? `${hours} giờ` : '', minutes ? `${minutes} phút` : '', rest ? `${rest} giây` : ''];
  return parts.filter(Boolean).join(' ') || '0 giây';
}
